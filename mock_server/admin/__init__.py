"""The kitchen's test hooks under /__admin/: reset, the request journal, faults, deliberate pauses."""

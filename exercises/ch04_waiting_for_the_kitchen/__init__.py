"""Chapter 4: waiting for the kitchen. Polling with an interval and a deadline, and timeouts."""

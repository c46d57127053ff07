"""Chapter 1: first contact with the kitchen."""

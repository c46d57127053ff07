"""Chapter 2: placing an order, and what happens when the kitchen says no."""

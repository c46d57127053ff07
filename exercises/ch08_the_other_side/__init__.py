"""Chapter 8: the other side of the counter: a small server of your own, called by the kitchen."""

"""Chapter 9: build the waiter: a small API of your own, the reservations desk, answered by your code."""

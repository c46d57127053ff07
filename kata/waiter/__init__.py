"""Chapter 9: the learner's own Flask app (the waiter) under test, and checks on what it answered."""

"""The waiter's notepad: the exchanges a learner's code had with the kitchen, as lines under a failure."""

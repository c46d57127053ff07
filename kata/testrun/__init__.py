"""A run of the kata's tests: the pytest plugin, the one results model, the learner's focused output."""

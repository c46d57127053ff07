"""The learner's code as the tests meet it: imported on demand, time-limited, its errors said in one line."""

"""The team's side of workshop mode: its login to the room, and the room during a test run."""

"""One module per verb, each with `run(args) -> exit code`."""

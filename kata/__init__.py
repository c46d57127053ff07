"""Tooling for the Restaurant API Kata: the catalogue, the pytest plugin and the `kata` command."""

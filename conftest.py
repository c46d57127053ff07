"""Loads the kata's pytest plugin (kata/pytest_plugin.py) for every test run in this folder."""

pytest_plugins = ["kata.pytest_plugin"]

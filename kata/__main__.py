"""`python -m kata`: the learner's companion command (the same as the `kata` console script)."""

from __future__ import annotations

import sys

from kata.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""The learner's first runs, as the workflow checks them on every system, with no shell but Python.

    python .github/learner_run.py pytest   a bare `python -m pytest`: red (exit 1) on the untouched stubs, 0/N
    python .github/learner_run.py tox      `tox` (the learner's env): red on the untouched stubs

No `shell: bash` in the workflow: a learner on Windows has PowerShell, and this is what they would run there.
"""

from __future__ import annotations

import subprocess
import sys


def main(which: str) -> int:
    command = [sys.executable, "-m", "pytest"] if which == "pytest" else [sys.executable, "-m", "tox"]
    ran = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)
    output = ran.stdout + ran.stderr
    print("\n".join(output.splitlines()[-15:]))
    if "Traceback" in output:
        print(f"{which}: a traceback reached the learner")
        return 1
    if which == "pytest":
        if ran.returncode != 1:
            print(f"pytest exited {ran.returncode}, not 1 (failed tests)")
            return 1
        if "Progress: 0/" not in output:
            print("no 'Progress: 0/' line")
            return 1
        return 0
    if ran.returncode == 0:
        print("tox passed on untouched stubs")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""What the kitchen needs installed, said plainly (no third-party import here: it runs when they are missing)."""

from __future__ import annotations

import importlib.util
import sys

NEEDED = {"flask": "flask>=3.0", "werkzeug": "flask>=3.0", "markupsafe": "flask>=3.0", "waitress": "waitress>=3.0"}


def missing_dependencies() -> str | None:
    """What to install when the kitchen's dependencies are missing (None when they are all there)."""
    missing = sorted({spec for module, spec in NEEDED.items() if not _installed(module)})
    if not missing:
        return None
    quoted = " ".join(f"'{name}'" for name in missing)
    return (
        f"The restaurant needs {', '.join(missing)}, which this Python ({sys.executable}) does not have.\n"
        f"Install the kata (in its folder: python -m pip install -e .), or just: python -m pip install {quoted}"
    )


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def explain_missing(error: ModuleNotFoundError) -> None:
    """Called when importing the package fails: under ``python -m mock_server`` say what to install and exit."""
    message = missing_dependencies()
    if message is None:
        raise error
    if sys.argv[:1] == ["-m"]:  # python -m mock_server, while the package is being imported
        print(message, file=sys.stderr)
        raise SystemExit(2)
    raise ModuleNotFoundError(message, name=error.name) from error

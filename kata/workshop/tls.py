"""The room's certificate: `kata join https://...` verifies it, and says in one line when it does not.

A room on a server behind HTTPS (docs/online-room.md) is verified against the system's CAs and certifi's
(the bundle requests uses), so a public certificate (Let's Encrypt, say) works on every system. A room with
a private CA (a university's, a company's, a test's) names that CA's bundle: `kata join URL NAME --ca-bundle
FILE` (kept in .kata/workshop.json), or `KATA_CA_BUNDLE`, else `REQUESTS_CA_BUNDLE` in the environment
(the learner's own requests code reads the latter too). Python's ssl reads `SSL_CERT_FILE` itself.
A certificate that does not verify is refused, never skipped: there is no option to turn verification off.
"""

from __future__ import annotations

import functools
import os
import ssl
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

BUNDLE_ENVS = ("KATA_CA_BUNDLE", "REQUESTS_CA_BUNDLE")


class BundleUnusable(ValueError):
    """The CA bundle named cannot be read as certificates; the message says which file and why."""


def bundle_named(given: str | None, environ: Any = None) -> str | None:
    """The CA bundle to trust besides the usual ones: the one given, else the first of BUNDLE_ENVS set; or None."""
    environ = os.environ if environ is None else environ
    for value in (given, *(environ.get(name) for name in BUNDLE_ENVS)):
        if value and value.strip():
            return value.strip()
    return None


def check_bundle(path: str) -> str:
    """The bundle's absolute path, once it loads as certificates; BundleUnusable (one line) if it does not."""
    found = Path(path).expanduser()
    if not found.is_file():
        raise BundleUnusable(f"the CA bundle {path} is not a file")
    try:
        ssl.create_default_context(cafile=str(found))
    except (ssl.SSLError, OSError, ValueError) as error:
        raise BundleUnusable(f"the CA bundle {path} holds no certificate this laptop can read ({error})") from None
    return str(found.resolve())


@functools.lru_cache(maxsize=8)
def _opener(bundle: str | None) -> urllib.request.OpenerDirector:
    context = ssl.create_default_context()  # the system's CAs, and SSL_CERT_FILE / SSL_CERT_DIR
    try:
        import certifi

        context.load_verify_locations(cafile=certifi.where())  # macOS' python.org Python has no system CAs
    except (ImportError, OSError, ssl.SSLError):
        pass
    if bundle:
        try:
            context.load_verify_locations(cafile=bundle)
        except (ssl.SSLError, OSError, ValueError) as error:
            raise BundleUnusable(f"the CA bundle {bundle} cannot be read ({error})") from None
    # The room is reached directly: never through an HTTP proxy, whatever the system's settings.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context))


PLAIN = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def opener(url: str, bundle: str | None = None) -> urllib.request.OpenerDirector:
    """The opener for a call to ``url``: plain for http://, verifying the certificate (and ``bundle``'s CA) for https://."""
    if not url.lower().startswith("https://"):
        return PLAIN
    return _opener(bundle_named(bundle))


def certificate_refused(error: BaseException) -> str | None:
    """Why a certificate did not verify, in words (None when ``error`` is about something else)."""
    reason = getattr(error, "reason", error) if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, ssl.SSLCertVerificationError):
        return str(reason.verify_message or reason.reason or reason)
    return None


def refusal(why: str) -> str:
    """The one line `kata join` and a test run say when the room's certificate does not verify."""
    return (
        f"the room's certificate does not verify ({why}); if the room uses a private CA, "
        "name its bundle: kata join URL NAME --ca-bundle FILE (or set REQUESTS_CA_BUNDLE)"
    )


def combined_bundle(room_ca: str, before: str | None, path: Path) -> str | None:
    """A bundle at ``path``: the room's CA, then ``before`` (a bundle's path; certifi's when None). Its path, or
    None when one of them cannot be read (the learner's code then trusts what it trusted before)."""
    try:
        if before is None:
            import certifi

            before = certifi.where()
        text = Path(room_ca).read_text(encoding="ascii") + "\n" + Path(before).read_text(encoding="ascii")
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="ascii")
    except (ImportError, OSError, ValueError):
        return None
    return str(path)

"""An https:// room's certificate from the learner's side (kata.workshop.tls), in this process; the real handshake,
through nginx with a CA of the test's own, is in test_online_room.py."""

from __future__ import annotations

import ssl
import urllib.error
from pathlib import Path

from kata.workshop import tls

from .test_workshop import CODE


def test_a_ca_bundle_that_is_not_there_or_holds_no_certificate_is_refused_in_one_line(kata, cli, tmp_path):
    code, out, _ = cli("join", "https://room.example.org", "Ada", "--code", CODE, "--ca-bundle", "missing.pem")
    assert code == 2 and out.strip().splitlines() == [
        "Could not join the workshop at https://room.example.org: the CA bundle missing.pem is not a file."
    ]
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n", encoding="ascii")
    code, out, _ = cli("join", "https://room.example.org", "Ada", "--code", CODE, "--ca-bundle", str(junk))
    assert code == 2 and len(out.strip().splitlines()) == 1 and "holds no certificate" in out, out
    assert not (kata.root / ".kata" / "workshop.json").exists()


def test_the_bundle_comes_from_the_option_else_the_environment():
    assert tls.bundle_named("a.pem", {"REQUESTS_CA_BUNDLE": "b.pem"}) == "a.pem"
    assert tls.bundle_named(None, {"KATA_CA_BUNDLE": "k.pem", "REQUESTS_CA_BUNDLE": "b.pem"}) == "k.pem"
    assert tls.bundle_named(None, {"REQUESTS_CA_BUNDLE": " b.pem "}) == "b.pem"
    assert tls.bundle_named(None, {"REQUESTS_CA_BUNDLE": ""}) is None


def test_only_a_certificate_that_does_not_verify_is_called_so():
    refused = ssl.SSLCertVerificationError(1, "certificate verify failed")
    refused.verify_message = "certificate has expired"
    assert tls.certificate_refused(urllib.error.URLError(refused)) == "certificate has expired"
    assert tls.certificate_refused(urllib.error.URLError(ConnectionRefusedError(111, "refused"))) is None
    assert tls.certificate_refused(ssl.SSLError(1, "wrong version number")) is None
    assert tls.opener("http://room:8000/x") is tls.PLAIN  # plain http: no TLS context at all
    assert tls.opener("https://room/x") is not tls.PLAIN


def test_the_rooms_ca_is_added_to_what_requests_trusted_before(tmp_path):
    room, before = tmp_path / "room.pem", tmp_path / "system.pem"
    room.write_text("ROOM CA\n", encoding="ascii")
    before.write_text("SYSTEM CAS\n", encoding="ascii")
    lent = tls.combined_bundle(str(room), str(before), tmp_path / ".kata" / "ca-bundle.pem")
    assert lent is not None and Path(lent).read_text(encoding="ascii") == "ROOM CA\n\nSYSTEM CAS\n"
    import certifi

    with_certifi = Path(tls.combined_bundle(str(room), None, tmp_path / "b.pem") or "")
    assert with_certifi.read_text(encoding="ascii").endswith(Path(certifi.where()).read_text(encoding="ascii"))
    assert tls.combined_bundle(str(tmp_path / "gone.pem"), str(before), tmp_path / "c.pem") is None

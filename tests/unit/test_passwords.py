"""The password rule: 12 characters at least, and not guessable from common lists (offline)."""
import pytest

from aluqsec.security.passwords import weakness


@pytest.mark.parametrize("password,email,name,reason", [
    ("court", "", "", "short"),
    ("onze-chars!", "", "", "short"),
    ("passwordpassword", "", "", "common"),       # issue 11, hole 8
    ("motdepasse123", "", "", "common"),
    ("azertyuiop12", "", "", "common"),
    ("Qwerty123456!", "", "", "common"),
    ("aaaaaaaaaaaaaaaa", "", "", "common"),
    ("julie.fortin2026", "julie.fortin@fonderie.ca", "", "email"),
    ("Tremblay19850412", "m@example.ca", "Marie Tremblay", "common"),
    ("x" * 257, "", "", "long"),
    ("a" * 100, "", "", "common"),                # longer than zxcvbn reads: its start still judged
    # Up to 256 characters are allowed; zxcvbn itself stops at 72 (found by make security: a 500).
    ("' and (SELECT * FROM [ODBC;DRIVER=SQL SERVER;Server=1.1.1.1;DATABASE=w].a.p)\\0", "", "", None),
    ("the aluminium ingots leave the plant at dawn every tuesday, " * 3, "", "", None),
    ("correct horse battery", "ana@example.ca", "Ana", None),
    ("fonderie du lac 2026", "julie@fonderie-lac.ca", "Julie Fortin", None),
    ("Demo-AluQSec-2026", "owner@demo.aluqsec.ca", "", None),
])
def test_weakness_reasons(password, email, name, reason):
    assert weakness(password, email, name) == reason

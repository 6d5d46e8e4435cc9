"""Every user-facing string of the code has its French translation."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def test_french_catalog_translates_every_extracted_message(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "-k", "N_", "-o", str(template), "."],
                   cwd=ROOT, check=True)
    with template.open("rb") as handle:
        extracted = {message.id for message in read_po(handle) if message.id}
    with (ROOT / "aluqsec/translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    translated = {m.id for m in catalog if m.id and not m.fuzzy and all(
        m.string if isinstance(m.string, tuple) else [m.string])}
    missing = sorted(str(i) for i in extracted - translated)
    assert missing == [], "untranslated: run `make translations-update` and translate these"

"""What only French or only English says: strings of the bank and the catalog, and page text."""
import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

from aluqsec.questionnaires.schema import Text

CATALOG = Path(__file__).resolve().parents[2] / "aluqsec/translations/fr/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")
# Shorter strings ("Note", "Actions", "Total") are shared by both languages or too common to judge.
MIN_LENGTH = 10


def bank_texts(value, found=None):
    """Return every Text held anywhere in *value* (the bank and its dataclasses)."""
    found = [] if found is None else found
    if isinstance(value, Text):
        found.append(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            bank_texts(getattr(value, item.name), found)
    elif isinstance(value, dict):
        for item in value.values():
            bank_texts(item, found)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            bank_texts(item, found)
    return found


def _pieces(message):
    """Return the literal runs of a message around its placeholders, long enough to judge."""
    return [" ".join(part.split()) for part in PLACEHOLDER.split(message)
            if len(" ".join(part.split())) >= MIN_LENGTH]


def catalog_pairs():
    """Return ``(English, French)`` pairs of the French catalog, plural forms included."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    pairs = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(english, french) for english in ids for french in strings]
    return pairs


def one_language_strings(bank):
    """Return ``{"fr": strings only French says, "en": strings only English says}``."""
    english, french = set(), set()
    for text in bank_texts(bank):
        english.update(_pieces(text.en))
        french.update(_pieces(text.fr))
    for msgid, msgstr in catalog_pairs():
        english.update(_pieces(msgid))
        french.update(_pieces(msgstr))
    french_blob, english_blob = "\x00".join(french), "\x00".join(english)
    # A string found in the other language too (a name, an acronym) tells nothing.
    return {"fr": {s for s in french if s not in english_blob},
            "en": {s for s in english if s not in french_blob}}


class PageText(HTMLParser):
    """Collect what a reader sees or hears, skipping parts marked in another language."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
            "wbr"}
    TEXT_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "value")

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language, self.html_lang, self.chunks = language, None, []
        self._stack = []  # (tag, skipped)

    @property
    def _skipping(self):
        return any(skipped for _tag, skipped in self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        other = attrs.get("lang") not in (None, self.language) and tag != "html"
        hidden = tag in ("script", "style") or (tag == "input" and attrs.get("type") == "hidden")
        if not (self._skipping or other or hidden):
            self.chunks += [attrs[name] for name in self.TEXT_ATTRIBUTES if attrs.get(name)]
        if tag not in self.VOID:
            self._stack.append((tag, other or tag in ("script", "style")))

    def handle_endtag(self, tag):
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data):
        if not self._skipping:
            self.chunks.append(data)

    def text(self):
        return " ".join(" ".join(self.chunks).split())


def read_page(html, language):
    """Return ``(the <html lang> value, the page's text in *language*)``."""
    parser = PageText(language)
    parser.feed(html)
    return parser.html_lang, parser.text()


def text_pieces(html, language):
    """Return each text node and text attribute of the page in *language*, spaces collapsed."""
    parser = PageText(language)
    parser.feed(html)
    return [" ".join(chunk.split()) for chunk in parser.chunks if chunk.strip()]

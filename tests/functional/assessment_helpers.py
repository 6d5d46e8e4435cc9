"""Reading and posting questionnaire pages as a browser would."""
import re
from html import unescape
from html.parser import HTMLParser

from ..conftest import csrf_token

# Every question of the latest quick scan at level 3 (the threshold of every framework).
ALL_THREE = {"qs-responsible": "3", "qs-personal-info": "3", "qs-suppliers-cloud": "3", "qs-accounts": "3",
             "qs-sign-in": "3", "qs-mfa-all": "3", "qs-physical": "3", "qs-devices": "3", "qs-patching": "3",
             "qs-antimalware": "3",
             "qs-firewall": "3", "qs-plant-network": "3", "qs-backups": "3", "qs-media-disposal": "3",
             "qs-training": "3", "qs-incident-plan": "3"}

FINGERPRINT = re.compile(r'name="f-([a-z0-9-]+)" value="([0-9a-f]+)"')
CHECKED = re.compile(r'name="q-([a-z0-9-]+)" id="[^"]+" value="([^"]+)"\s+checked')


def load(client, url):
    """GET a domain page; return ``(html, {question id: fingerprint})``."""
    html = client.get(url).get_data(as_text=True)
    return html, dict(FINGERPRINT.findall(html))


def checked(html):
    return dict(CHECKED.findall(html))


def save(client, url, fingerprints, answers, notes=None, justifications=None, then="stay", confirm=()):
    """POST a domain page: *answers* for some questions, the others left as loaded."""
    data = {"csrf_token": csrf_token(client), "then": then}
    for question_id, fingerprint in fingerprints.items():
        data[f"f-{question_id}"] = fingerprint
    for question_id, value in answers.items():
        data[f"q-{question_id}"] = value
    for question_id, note in (notes or {}).items():
        data[f"n-{question_id}"] = note
    for question_id, text in (justifications or {}).items():
        data[f"j-{question_id}"] = text
    for question_id in confirm:
        data[f"k-{question_id}"] = "y"
    return client.post(url, data=data)


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html):
    """Return the text of every table row's cells, as a user reads them."""
    parser = _Cells()
    parser.feed(html)
    return parser.rows


def text(html):
    """Return the page's text with entities decoded and spaces collapsed."""
    return " ".join(unescape(html).split())

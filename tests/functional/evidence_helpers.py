"""Uploading evidence as a browser would, and reading back what users get."""
import io
import re
from datetime import date
from html import unescape

from ..conftest import post

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ITEM_URL = re.compile(r"/evidence/items/(\d+)$")


def upload(client, company_id, targets, data=PDF, filename="plan.pdf", title="Plan de réponse signé",
           dated_on=None, valid_until="", kind="file", **extra):
    """POST the add form; return the response (302 to the item's page when accepted)."""
    form = {"kind": kind, "title": title, "dated_on": (dated_on or date.today()).isoformat(),
            "valid_until": valid_until, "targets": list(targets), "owner": "", **extra}
    if kind == "file":
        form["file"] = (io.BytesIO(data), filename)
    return post(client, f"/evidence/companies/{company_id}/items", form, content_type="multipart/form-data")


def item_id(response):
    return int(ITEM_URL.search(response.headers["Location"]).group(1))


def text(response):
    return unescape(response.get_data(as_text=True))

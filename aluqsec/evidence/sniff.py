"""Tell a file's type from its bytes, never from its name (pure: no Flask, no database)."""
import io
import zipfile

# kind -> (content type served, file name extensions accepted for it)
TYPES = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "text": ("text/plain; charset=utf-8", (".txt", ".csv", ".md")),
}
ACCEPTED_EXTENSIONS = tuple(ext for _type, exts in TYPES.values() for ext in exts)


def _office(data):
    """Return ``docx`` or ``xlsx`` for an Office Open XML package without macros, else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    # Macro-enabled documents carry a VBA project: active content is refused.
    if "[Content_Types].xml" not in names or any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def _text(data):
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    # Markup (HTML, SVG, XML) would be active content in a browser: not plain text.
    return None if text.lstrip().startswith("<") else "text"


def sniff(data):
    """Return the kind of *data* (a key of ``TYPES``) or None when it is not an accepted type."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    return _text(data) if data else None


def extension_of(filename):
    name = (filename or "").lower()
    return name[name.rfind("."):] if "." in name else ""


def check(filename, data):
    """Return ``(kind, None)`` when the bytes are an accepted type matching the name, else ``(None, reason)``.

    *reason* is ``"type"`` (contents not accepted) or ``"name"`` (the name announces another type).
    """
    kind = sniff(data)
    if kind is None:
        return None, "type"
    if extension_of(filename) not in TYPES[kind][1]:
        return None, "name"
    return kind, None

"""Signed-in HTTP sessions for the scanners, and the forms each role can reach."""
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
# Never crawled nor submitted by either scanner: each ends a session the scan runs in (the
# scanning account's, or another role's: the admin would deactivate the organizer) or erases
# what the other roles scan. The functional tests and the authorization matrix cover them.
NOT_SCANNED = [
    "/auth/logout", "/auth/sessions/end",                                   # signing out
    "/admin/users/*/roles", "/admin/users/*/status", "/admin/users/*/mfa-reset",  # end the target's sessions
    "/companies/*/members/*/remove", "/privacy/me/delete", "/privacy/companies/*/delete",
]
# Files are not pages.
FILES = r"/static/|/bootstrap/|\.(pdf|xlsx|csv|ics)(\?|$)"
# One User-Agent for the sign-in and both scanners: Flask-Login's "strong" session
# protection drops a session used from another User-Agent, so a scanner with its
# own would silently scan as an anonymous visitor.
USER_AGENT = "AluQSec-security-scan"
SKIPPED = re.compile("|".join([FILES] + [re.escape(path).replace(r"\*", "[^/?]+") + r"(\?|$)"
                                         for path in NOT_SCANNED]))


class Session:
    """A cookie jar on one base URL, like a browser's."""

    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.addheaders = [("User-Agent", USER_AGENT)]

    def get(self, path):
        """Return ``(status, final URL, text)`` of a GET."""
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(self.base + path, data=data))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.url, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode("utf-8", "replace")

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def wapiti_cookies(self):
        """Return the cookies in the JSON layout of ``wapiti -c``."""
        host = urllib.parse.urlsplit(self.base).hostname
        return {host: {"/": {c.name: {"value": c.value, "version": 0, "secure": False, "expires": None,
                                      "port": None} for c in self.jar}}}

    def is_signed_in(self):
        status, url, _text = self.get("/auth/profile")
        return status == 200 and "/auth/login" not in url


def sign_in(base, email, password, code_for=None):
    """Return a Session signed in as *email*.

    The one place to change when signing in changes (e.g. a second factor for
    staff accounts: post the code here after the password).
    """
    session = Session(base)
    _status, _url, page = session.get("/auth/login")
    status, url, _text = session.post("/auth/login", {"email": email, "password": password,
                                                      "csrf_token": CSRF.search(page).group(1)})
    if status == 200 and "/auth/mfa" in url and code_for is not None:
        # Staff accounts have a second factor: the demo's TOTP code, read from its database.
        status, url, _text = session.post("/auth/mfa", {"code": code_for(email),
                                                        "csrf_token": CSRF.search(_text).group(1)})
    if status != 200 or "/auth/login" in url or "/auth/mfa" in url:
        raise RuntimeError(f"could not sign in as {email} (HTTP {status}, {url})")
    return session


class FormParser(HTMLParser):
    """Collect the links and the forms (action, method, fields with a default value) of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form, self._select, self._chosen = [], [], None, None, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower(),
                          "fields": {}, "file": False}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and attrs.get("name"):
            self._field(tag, attrs)
        elif tag == "option" and self._select is not None:
            # A select's default is its first option (or the selected one).
            if self._select not in self._chosen or "selected" in attrs:
                self._form["fields"][self._select] = attrs.get("value", "")
                self._chosen.add(self._select)

    def _field(self, tag, attrs):
        kind, name = attrs.get("type", "text"), attrs["name"]
        self._form["file"] |= kind == "file"
        if kind in ("submit", "button", "file") or (kind in ("radio", "checkbox") and name in self._form["fields"]):
            return
        self._form["fields"][name] = attrs.get("value") or ("1" if kind in ("radio", "checkbox") else "x")
        self._select = name if tag == "select" else None

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def form_key(method, action):
    """Return what identifies one form handler: the method and the action without ids or item names.

    One form shown for many rows (action items, users) or many domains of a
    questionnaire runs the same code: it is scanned once.
    """
    path = re.sub(r"\d+", "N", action.split("?")[0])
    return method, re.sub(r"/(review|domains|journeys)/[^/]+$", r"/\1/*", path)


def crawl_forms(session, max_pages=60):
    """Return the forms a session reaches from the home page: ``{key: (page, form)}``.

    Of the forms with one key, the one with the most fields (e.g. a reviewer's) is kept.
    """
    seen, queue, found = set(), ["/"], {}
    while queue and len(seen) < max_pages:
        path = queue.pop(0)
        if path in seen or SKIPPED.search(path):
            continue
        seen.add(path)
        status, _url, text = session.get(path)
        if status != 200:
            continue
        parser = FormParser()
        parser.feed(text)
        for href in parser.links:
            target = urllib.parse.urljoin(path, href)
            if target.startswith("/") and not target.startswith("//"):
                queue.append(target.split("#")[0])
        for form in parser.forms:
            action = urllib.parse.urljoin(path, form["action"] or path)
            names = {name for name in form["fields"] if not name.endswith("csrf_token")}
            if not names or form["file"] or SKIPPED.search(action):
                continue  # buttons have nothing to inject into; uploads are multipart
            key = form_key(form["method"], action)
            if key not in found or len(form["fields"]) >= len(found[key][1]["fields"]):
                found[key] = (path, dict(form, action=action))
    return found

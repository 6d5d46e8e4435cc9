"""Security headers and the Content-Security-Policy sent with every response."""
from flask import request

# Only the public static files (CSS, icons, Bootstrap) may be cached.
CACHEABLE_ENDPOINTS = frozenset({"static", "bootstrap.static"})

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def register(app):
    """Add the security headers to every response of *app*."""

    @app.after_request
    def add_security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint not in CACHEABLE_ENDPOINTS:
            # Pages and downloads (CSV, Excel, calendars, PDFs) show confidential
            # posture data: never keep them in a browser's or a proxy's cache.
            response.headers["Cache-Control"] = "no-store"
        return response

"""Render a report template to PDF with WeasyPrint, through the application's Jinja environment."""
import gc
from urllib.parse import urlsplit

from flask import current_app, render_template, url_for
from flask_babel import force_locale

from .jinja import REPORTS_DIR


def render_html(template, context, language, title):
    """Return the HTML of ``reports/<template>`` in *language* (what WeasyPrint lays out)."""
    with force_locale(language):
        return render_template(f"reports/{template}", report=context, language=language, title=str(title))


def render_pdf(template, context, language, title):
    """Render ``reports/<template>`` to a PDF document.

    :param template: a file name of the ``reports/`` folder, e.g. ``company.html``.
    :param context: the plain data the template shows (see :mod:`.context`), given as ``report``.
    :param language: ``fr`` or ``en``: interface strings, dates and numbers, and the PDF's /Lang.
    :param title: the document title, a string or a lazy string translated in *language*;
        it becomes the PDF's /Title.
    :return: the PDF as bytes.
    """
    # Imported here rather than at the top: WeasyPrint needs Pango and takes half a second to
    # import, and the rest of the application (and every CLI command) runs without it.
    from weasyprint import HTML

    from .fetcher import BASE_URL, ReportFetcher

    html = render_html(template, context, language, title)
    fetcher = ReportFetcher({urlsplit(url_for("static", filename="")).path: current_app.static_folder,
                             "/reports/": REPORTS_DIR})
    # WeasyPrint allocates objects by the hundred thousand: the cyclic garbage collector would run
    # dozens of times, each full pass also walking the application's own objects (measured: over
    # 10 % of the rendering time). It catches up once the document is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
    finally:
        if collecting:
            gc.enable()

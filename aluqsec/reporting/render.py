"""Render a report template to PDF with WeasyPrint, through the application's Jinja environment."""
import gc
import io
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
    return _layout(template, context, language, title).write_pdf()


def render_pdf_parts(template, parts, language, title, progress=None):
    """Render a long report part by part and join the parts into one PDF.

    WeasyPrint keeps a document's whole layout until it writes it: a 200-company portfolio in
    one document grew the worker by 300 MB. Part by part, the largest part decides. Each part
    gets ``report.first_page``, where its page numbers start (``reports/base.html``).

    :param parts: the contexts of the parts, in order.
    :param progress: called with the share (0–1) of parts done, if given.
    :return: the PDF as bytes, with the document's /Title and /Lang.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer, first_page = PdfWriter(), 1
    for number, context in enumerate(parts, start=1):
        document = _layout(template, {**context, "first_page": first_page}, language, title)
        first_page += len(document.pages)
        writer.append(PdfReader(io.BytesIO(document.write_pdf())))
        del document
        gc.collect()  # the part's layout, collected before the next part is laid out
        if progress is not None:
            progress(number / len(parts))
    with force_locale(language):  # a lazy title, in the report's language
        writer.add_metadata({"/Title": str(title), "/Author": "AluQSec"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _layout(template, context, language, title):
    """Return WeasyPrint's laid-out Document of ``reports/<template>``."""
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
        return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    finally:
        if collecting:
            gc.enable()

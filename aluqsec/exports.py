"""CSV and Excel files for downloads."""
import csv
import io
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "yyyy-mm-dd"


def csv_delimiter(language):
    """Return the separator the user's Excel expects: ``;`` where the decimal mark is a comma (French)."""
    return ";" if language == "fr" else ","


def write_csv(header, rows, delimiter=","):
    """Return CSV bytes (UTF-8 with BOM, so that Excel reads the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value):
    # A text starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_xlsx(title, header, rows, number_formats=None):
    """Return an .xlsx workbook with one sheet: bold frozen header, autofilter, sized columns.

    Dates become date cells; *number_formats* maps a column index (from 0) to an Excel
    number format for its cells.
    """
    number_formats = number_formats or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = DATE_FORMAT
            elif cell.column - 1 in number_formats and isinstance(cell.value, (int, float)):
                cell.number_format = number_formats[cell.column - 1]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 2)}"
    for index, column in enumerate(zip(header, *rows, strict=False), start=1):
        width = max(len(str(value)) if value is not None else 0 for value in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 70)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

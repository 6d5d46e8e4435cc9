"""CSV and Excel files for downloads."""
import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def write_csv(header, rows):
    """Return CSV bytes (UTF-8 with BOM, so that Excel reads the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value):
    # A text starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_xlsx(title, header, rows):
    """Return an .xlsx workbook with one sheet, a bold frozen header and sized columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(zip(header, *rows, strict=False), start=1):
        width = max(len(str(value)) if value is not None else 0 for value in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 70)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Shape the dashboard's data for the page and the PDF (charts, names), and write the funders' workbook."""
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .charts import bar_chart, line_chart
from .labels import GROUPINGS, group_label, month_label, series_name, topic_name

CHARTED_TOPICS = 6  # more lines than this cannot be told apart: the table has every topic


def view_model(data):
    """Add names and chart geometry to :func:`~.dashboard.programme_dashboard`'s data."""
    reach = {series_name(key): values for key, values in data["reach"].items()}
    participation = {grouping: [(group_label(grouping, key), companies, people) for key, companies, people in rows]
                     for grouping, rows in data["participation"].items()}
    maturity = [(topic_name(topic), values) for topic, values in data["maturity"].items()]
    charted = {name: values for name, values in maturity if any(v is not None for v in values)}
    uplift = [{"topic": topic_name(row.topic), "attendees": row.attendees, "others": row.others,
               "difference": row.difference} for row in data["uplift"]]
    return {**data, "reach_named": reach, "participation_named": participation, "groupings": GROUPINGS,
            "maturity_named": maturity, "uplift_named": uplift,
            "reach_chart": line_chart([month_label(day) for day in data["days"]], reach),
            "participation_charts": {grouping: bar_chart([(label, people) for label, _c, people in rows[:12]])
                                     for grouping, rows in participation.items()},
            "maturity_chart": line_chart([month_label(day) for day in data["quarters"]],
                                         dict(list(charted.items())[:CHARTED_TOPICS]), top=5),
            "month_label": month_label, "method": method_lines()}


def _sheet(workbook, title, header, rows, formats=None):
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for column, number_format in (formats or {}).items():
        for cell in sheet[column][1:]:
            cell.number_format = number_format
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = min(max(len(str(c.value or "")) for c in column) + 2,
                                                                       60)
    return sheet


def workbook(data):
    """Return the funders' workbook (.xlsx): one sheet per figure, real dates and numbers, filters on."""
    book = Workbook()
    book.remove(book.active)
    _sheet(book, _("Reach"), [_("Month end"), *data["reach_named"]],
           [(day, *(values[i] for values in data["reach_named"].values())) for i, day in enumerate(data["days"])],
           {"A": "yyyy-mm-dd"})
    _sheet(book, _("Participation"), [_("Grouping"), _("Group"), _("Companies"), _("People")],
           [(str(data["groupings"][grouping]), label, companies, people)
            for grouping, rows in data["participation_named"].items() for label, companies, people in rows])
    _sheet(book, _("Maturity"), [_("Topic"), *data["quarters"]],
           [(name, *values) for name, values in data["maturity_named"]])
    for cell in book[_("Maturity")][1][1:]:
        cell.number_format = "yyyy-mm-dd"
    _sheet(book, _("Uplift"), [_("Topic"), _("Attendees (companies)"), _("Attendees: change"),
                               _("Others (companies)"), _("Others: change"), _("Difference")],
           [(row["topic"], row["attendees"].companies, row["attendees"].change, row["others"].companies,
             row["others"].change, row["difference"]) for row in data["uplift_named"]],
           {"C": "+0.00;-0.00;0.00", "E": "+0.00;-0.00;0.00", "F": "+0.00;-0.00;0.00"})
    method = book.create_sheet(_("Method"))
    for line in method_lines():
        method.append([line])
    method.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def method_lines():
    """Return the method section, one paragraph per figure and its limits."""
    return [
        _("Only member companies verified by the cluster are counted; companies being deleted are not."),
        _("Reach: companies registered, with a submitted assessment, with an assessment reviewed by an advisor, "
          "and certified (as declared in their certification journey), counted at the end of each month."),
        _("Participation: distinct companies and people present at least once at a session held in the period."),
        _("Maturity: the median, over companies, of each company's latest self-declared level on the topic at "
          "the end of each quarter; hidden under 5 companies or when one company could be recognized."),
        _("Uplift: for each topic, the mean change in maturity of companies present at an event on the topic "
          "(last assessment before it, first one after, within the period) against the mean change of the "
          "other companies over the period. Groups under 5 companies show no figure."),
        _("Limits: levels are self-declared, and only part of them are validated by an advisor; companies "
          "choose to come, so the difference is an association, not a proof of effect."),
    ]

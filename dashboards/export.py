"""The dashboard's tables as an Excel workbook (openpyxl): the same numbers, one sheet per table; every
cell through core.spreadsheets, so names people typed stay text."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from activities.models import Channel
from core.spreadsheets import safe_row
from dashboards import selectors
from projects.stages import STAGE_ORDER


def _sheet(workbook: Workbook, title: str, header: list, rows: list[list]) -> None:
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(safe_row(sheet, [str(cell) for cell in header]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(safe_row(sheet, row))
    for column in sheet.columns:
        widest = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = max(10, min(40, widest * 2))


def dashboard_workbook(scope: selectors.Scope) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    amount = _("(万元)")
    progress = selectors.target_progress(scope)
    _sheet(workbook, _("Targets"), [_("Target"), _("target"), _("Done"), _("gap")],
           [[row["label"], row["target"], row["done"], row["gap"]] for row in progress])  # fmt: skip
    _sheet(workbook, _("Pipeline"), [_("Stage"), _("Projects"), f"{_('Planned investment')} {amount}"],
           [[row["stage"].label, row["count"], row["investment"]] for row in selectors.funnel(scope)])  # fmt: skip
    rates = selectors.post_signing_rates(scope)
    _sheet(
        workbook, _("After signing"), [_("Rate"), _("Projects"), "%"],
        [[_("Projects signed"), rates["signed"], None]]
        + [[rate["label"], rate["count"], rate["percent"]] for rate in rates["rates"]]
        + [[_("Funds in place (资金到位率)"), None, rates["funds_percent"]]],
    )  # fmt: skip
    channels = selectors.channel_mix(scope)
    _sheet(workbook, _("Recruiting channels"),
           [_("Channel"), _("Projects"), _("Landed"), f"{_('Signed investment')} {amount}"],
           [[r["channel"].label, r["projects"], r["landed"], r["investment"]] for r in channels])  # fmt: skip
    matrix = selectors.chain_matrix(scope)
    _sheet(workbook, _("Chain × stage"), [_("Industry chain"), *[stage.label for stage in STAGE_ORDER]],
           [[row["chain"].name, *[cell["count"] for cell in row["cells"]]] for row in matrix])  # fmt: skip
    groups = selectors.groups_compared(scope)
    if groups:
        _sheet(
            workbook, _("Groups compared"),
            [_("Group"), *[stage.label for stage in STAGE_ORDER], _("Signed"), _("Contacts this week"),
             *[label for _value, label in Channel.choices], _("Overdue follow-ups")],
            [[row["team"].name, *[c["count"] for c in row["stages"]], row["signed"], row["contacts_total"],
              *[c["count"] for c in row["contacts"]], row["overdue"]] for row in groups],
        )  # fmt: skip
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

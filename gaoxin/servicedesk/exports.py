"""The metrics dashboard as an Excel workbook: one sheet per grouping, and the backlog by age."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

from gaoxin.core.tabular.workbooks import new_workbook
from gaoxin.servicedesk.metrics import Backlog, MetricRow


def _headers(first: str) -> list[str]:
    return [
        first,
        _("Received"),
        _("Signed"),
        _("On-time signing rate"),
        _("Replied"),
        _("On-time resolution rate"),
        _("Rated"),
        _("Satisfaction rate"),
        _("Closed after handling"),
        _("Resolution rate"),
        _("Average handling time (working days)"),
        _("Open"),
        _("Overdue"),
    ]


def _values(row: MetricRow, first: str) -> list[object]:
    return [
        first,
        row.received,
        row.signed,
        row.sign_rate,
        row.replied,
        row.on_time_rate,
        row.rated,
        row.satisfaction_rate,
        row.handled,
        row.resolution_rate,
        None if row.avg_workdays is None else round(row.avg_workdays, 1),
        row.open,
        row.overdue,
    ]


def metrics_xlsx(
    *, total: MetricRow, sheets: Sequence[tuple[str, str, Sequence[MetricRow]]], backlog: Backlog, title: str
) -> bytes:
    """``sheets``: (sheet name, first column header, rows); rates are written as percentages."""
    buffer = io.BytesIO()
    book = new_workbook(buffer, constant_memory=False, in_memory=True)
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True})
    rate = book.add_format({"num_format": "0.0%"})
    rate_columns = {3, 5, 7, 9}
    for name, first_header, rows in sheets:
        sheet = book.add_worksheet(name[:31])
        sheet.write(0, 0, title, bold)
        sheet.write_row(2, 0, _headers(first_header), header)
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 12, 12)
        for r, row in enumerate([*rows, total], start=3):
            label = row.label or row.key or _("All requests")
            for c, value in enumerate(_values(row, str(label) if row is not total else _("All requests"))):
                if value is None:
                    continue
                sheet.write(r, c, value, rate if c in rate_columns else None)
        sheet.freeze_panes(3, 1)
    sheet = book.add_worksheet(_("Backlog")[:31])
    sheet.write_row(0, 0, [_("Age (working days)"), _("Open requests")], header)
    for r, bucket in enumerate(backlog.buckets, start=1):
        span = f"{bucket['low']}–{bucket['high']}" if bucket["high"] is not None else f"≥{bucket['low']}"
        sheet.write_row(r, 0, [span, bucket["count"]])
    if backlog.unknown:
        sheet.write_row(len(backlog.buckets) + 1, 0, [_("Unknown (calendar year missing)"), backlog.unknown])
    book.close()
    return buffer.getvalue()

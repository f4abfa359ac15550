"""The 五个一 of investment promotion as report documents (``core.reports``): 一周一汇总 (the week's new leads,
stage moves, visits and signings, by team), 一月一通报 (the year's targets against 时序进度 by unit, with 位次, and
the clauses breached), and the 赛马 of a quarter, a half year or the year (一季一排名、半年一评比、全年一考核: the
weighted completion of the targets, red and black lists). Each is data; ``core.reports.output`` writes it."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gaoxin.core.message_text import translated
from gaoxin.core.reports.content import (
    AMOUNT,
    DATE,
    INTEGER,
    PERCENT,
    TEXT,
    Cell,
    Figure,
    ReportDocument,
    Section,
    Table,
)
from gaoxin.core.reports.display import percent, wan
from gaoxin.investment import targets as target_rule
from gaoxin.investment.choices import AMOUNT_MEASURES, TargetMeasure
from gaoxin.investment.selectors import reports as reads
from gaoxin.investment.selectors.leads import rules
from gaoxin.projects import lights
from gaoxin.projects.selectors.rules import current_light_rule
from gaoxin.projects.unit_ranking import BLACK, RED

PERIODS = {  # the 赛马's periods: key → (first month, last month)
    "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12), "h1": (1, 6), "year": (1, 12),
}  # fmt: skip


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _light_label(light: str) -> str:
    return {lights.GREEN: _("Green"), lights.YELLOW: _("Yellow"), lights.RED: _("Red")}.get(light, "—")


def weekly_summary(start: dt.date, *, today: dt.date, issued_by: str = "") -> ReportDocument:
    """一周一汇总 of the week starting ``start`` (seven days)."""
    end = start + dt.timedelta(days=6)
    items = reads.week(start, end)
    parts = (
        ("new", _("New leads"), _("Stage")),
        ("moves", _("Stage moves"), _("Move")),
        ("visits", _("Visits and inspections"), _("What happened")),
        ("signings", _("Signings"), _("Agreement")),
    )
    by_team: Counter[tuple[str, str]] = Counter()
    for key, _title, _detail in parts:
        for item in items[key]:
            by_team[(item.owner, key)] += 1
    teams = sorted({owner for owner, _key in by_team})
    summary = _(
        "From %(start)s to %(end)s: %(new)s new leads, %(moves)s stage moves, %(visits)s visits and inspections, "
        "%(signings)s signings."
    ) % {
        "start": start.strftime("%m-%d"),
        "end": end.strftime("%m-%d"),
        **{key: len(items[key]) for key, _t, _d in parts},
    }
    sections = [
        Section(
            _("By team"),
            tables=[
                Table(
                    _("By team"),
                    [_("Team or unit"), *(title for _k, title, _d in parts)],
                    [TEXT, INTEGER, INTEGER, INTEGER, INTEGER],
                    [[team, *(by_team[(team, key)] for key, _t, _d in parts)] for team in teams],
                )
            ],
        ),
        *(
            Section(
                title,
                tables=[
                    Table(
                        title,
                        [_("Date"), _("Lead"), _("Team or unit"), detail],
                        [DATE, TEXT, TEXT, TEXT],
                        [[i.day, i.lead, i.owner, i.detail] for i in items[key]],
                    )
                ],
            )
            for key, title, detail in parts
        ),
    ]
    return ReportDocument(
        title=_("Investment promotion: weekly summary, %(start)s to %(end)s")
        % {"start": start.isoformat(), "end": end.isoformat()},
        as_of=end,
        made_on=today,
        issued_by=issued_by,
        summary=[summary],
        figures=[Figure(title, INTEGER, len(items[key])) for key, title, _d in parts],
        sections=sections,
    )


def _target_table(
    year: int, start: dt.date, end: dt.date, month: int
) -> tuple[Table, list[tuple[str, Decimal]]]:
    """The targets of the year against what was achieved from ``start`` to ``end`` and 时序进度 of ``month``; and
    each unit's completion of its signed-investment target (for the 位次)."""
    rule = current_light_rule()
    done = reads.actuals(start, end)
    rows = []
    signed: list[tuple[str, Decimal]] = []
    for target in reads.targets(year):
        measured = target.measure in reads.MEASURED
        actual = done.of(target.owner, target.measure) if measured else None
        verdict = (
            target_rule.judge(target.value, actual, month=month, rule=rule) if actual is not None else None
        )
        kind = AMOUNT if target.measure in AMOUNT_MEASURES else INTEGER
        rows.append(
            [
                target.name,
                TargetMeasure(target.measure).label,
                Cell(target.value, kind),
                Cell(actual, kind),
                verdict.completion if verdict else None,
                translated(verdict.phrase) if verdict and verdict.phrase else _("no figure in gaoxin"),
                _light_label(verdict.light) if verdict else "—",
            ]
        )
        if verdict and target.measure == TargetMeasure.SIGNED_INVESTMENT and verdict.completion is not None:
            signed.append((target.name, verdict.completion))
    table = Table(
        _("Targets against time progress"),
        [_("Unit or team"), _("Measure"), _("Target"), _("Achieved"), pgettext("of a target", "Completion"), _("Against time progress"),
         _("Light")],
        [TEXT, TEXT, AMOUNT, AMOUNT, PERCENT, TEXT, TEXT],
        rows,
    )  # fmt: skip
    return table, signed


def monthly_bulletin(year: int, month: int, *, today: dt.date, issued_by: str = "") -> ReportDocument:
    """一月一通报: the year's targets by unit and team against 时序进度 at the end of ``month``, the units' 位次 by
    the completion of their signed-investment target, and the clauses of agreements found breached."""
    start, end = dt.date(year, 1, 1), _month_end(year, month)
    table, signed = _target_table(year, start, end, month)
    ranks = target_rule.race(
        [target_rule.UnitResult(name, {"signed": completion}) for name, completion in signed],
        {"signed": Decimal(1)},
        red_count=0,
        black_count=0,
    )
    totals = reads.actuals(start, end)
    signed_total = sum(
        (
            v.get(TargetMeasure.SIGNED_INVESTMENT, Decimal(0))
            for o, v in totals.by_owner.items()
            if o[0] == "unit"
        ),
        Decimal(0),
    )
    breached = reads.breached_clauses()
    progress = lights.time_progress(month)
    summary = _(
        "By the end of month %(month)s, signings counted this year amount to %(signed)s (10k yuan); time progress "
        "is %(progress)s. %(breached)s clauses of agreements are found breached."
    ) % {
        "month": month,
        "signed": wan(signed_total),
        "progress": percent(progress),
        "breached": len(breached),
    }
    return ReportDocument(
        title=_("Investment promotion in %(year)s, month %(month)s: monthly bulletin")
        % {"year": year, "month": month},
        as_of=end,
        made_on=today,
        issued_by=issued_by,
        summary=[summary],
        figures=[
            Figure(_("Signed investment counted this year (10k yuan)"), AMOUNT, signed_total),
            Figure(_("Time progress"), PERCENT, progress),
            Figure(_("Clauses breached"), INTEGER, len(breached)),
        ],
        sections=[
            Section(_("Targets against time progress"), tables=[table]),
            Section(
                _("Rank by completion of the signed-investment target"),
                tables=[
                    Table(
                        _("Rank by completion of the signed-investment target"),
                        [_("Rank"), _("Unit or team"), pgettext("of a target", "Completion")],
                        [INTEGER, TEXT, PERCENT],
                        [[line.rank, line.unit, line.score / 100] for line in ranks],
                    )
                ],
            ),
            Section(
                _("Clauses breached"),
                tables=[
                    Table(
                        _("Clauses breached"),
                        [_("Agreement"), _("Lead"), _("Clause"), _("Checked on")],
                        [TEXT, TEXT, TEXT, DATE],
                        [[b.agreement, b.lead, b.clause, b.checked_on] for b in breached],
                    )
                ],
            ),
        ],
    )


def ranking(year: int, period: str, *, today: dt.date, issued_by: str = "") -> ReportDocument:
    """赛马 of a quarter (q1–q4), the first half year (h1) or the year: each unit's and team's targets, pro rata to
    the period's end (时序进度), weighted by the rule in force, with red and black lists."""
    _first, last = PERIODS[period]
    end = _month_end(year, last)
    rule = rules()
    weights = {key: Decimal(str(value)) for key, value in rule.race_weights.items()}
    done = reads.actuals(dt.date(year, 1, 1), end)
    completions: dict[tuple[str, int], dict[str, Decimal]] = {}
    names: dict[tuple[str, int], str] = {}
    for target in reads.targets(year):
        if target.measure not in reads.MEASURED or target.value <= 0:
            continue
        due = target.value * lights.time_progress(last)
        completions.setdefault(target.owner, {})[target.measure] = done.of(target.owner, target.measure) / due
        names[target.owner] = target.name
    lines = target_rule.race(
        [target_rule.UnitResult(owner, values) for owner, values in completions.items()],
        weights,
        red_count=rule.race_red_count,
        black_count=rule.race_black_count,
    )
    measures = [m for m in TargetMeasure if m in weights and weights[m] > 0]
    listed = {RED: _("Red list"), BLACK: _("Black list"), "": ""}
    table = Table(
        _("Ranking"),
        [_("Rank"), _("Unit or team"), _("Score"), *(str(TargetMeasure(m).label) for m in measures), _("List")],
        [INTEGER, TEXT, AMOUNT, *(PERCENT for _m in measures), TEXT],
        [
            [line.rank, names[line.unit], line.score, *(completions[line.unit].get(m) for m in measures),  # type: ignore[index]
             listed[line.listed]]
            for line in lines
        ],
    )  # fmt: skip
    labels = {
        "q1": _("first quarter"), "q2": _("second quarter"), "q3": _("third quarter"), "q4": _("fourth quarter"),
        "h1": _("first half year"), "year": _("the year"),
    }  # fmt: skip
    weights_line = "；".join(f"{TargetMeasure(m).label} {weights[m]:g}" for m in measures)
    return ReportDocument(
        title=_("Investment promotion in %(year)s, %(period)s: ranking")
        % {"year": year, "period": labels[period]},
        as_of=end,
        made_on=today,
        issued_by=issued_by,
        summary=[
            _(
                "Targets are due pro rata to time progress (%(progress)s) and each completion counts at most 100%%; "
                "weights: %(weights)s."
            )
            % {"progress": percent(lights.time_progress(last)), "weights": weights_line},
        ],
        figures=[
            Figure(_("Units and teams ranked"), INTEGER, len(lines)),
            Figure(_("Red list"), INTEGER, sum(1 for line in lines if line.listed == RED)),
            Figure(_("Black list"), INTEGER, sum(1 for line in lines if line.listed == BLACK)),
        ],
        sections=[Section(_("Ranking"), tables=[table])],
    )

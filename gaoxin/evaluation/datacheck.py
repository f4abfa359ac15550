"""Is the year's data fit for the scheme? Checked before a run is scored and stored with its results.

Per group of the scheme: the firms the scheme places there (not exempt) and how many of them have every
figure the group's indicators read (coverage); the firms that land in no group; the registry's operating
enterprises without a data sheet for the year (counted by the registry's selector and handed in); and a scheme
written for another year. ``warnings`` turns a check into the sentences shown before scoring and on the result page.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from gaoxin.evaluation import engine
from gaoxin.evaluation.engine.glossary import CREDIT_CODE

EXAMPLES = 10  # names of firms in no group shown with the warning
NO_GROUP, EXEMPT = "no_group", "exempt"


def data_check(
    year: int, result: engine.ScoreTable, data: pl.DataFrame, *, without_sheet: int
) -> dict[str, Any]:
    """The check of ``data`` (the engine's input, with names) as ``result`` placed it; JSON-ready.
    ``without_sheet``: the registry's operating enterprises that have no data sheet for ``year``."""
    scheme = result.scheme
    placed = result.frame.select(CREDIT_CODE, "group", "status").join(
        data, on=CREDIT_CODE, how="left", maintain_order="left"
    )
    groups = []
    for group in scheme.groups:
        members = placed.filter((pl.col("group") == group.key) & (pl.col("status") != EXEMPT))
        fields = sorted(
            {
                name
                for rule in group.indicators
                for name in (rule.definition.numerator, rule.definition.denominator)
            }
        )
        fields = [name for name in fields if name in members.columns]
        complete = (
            members.filter(pl.all_horizontal(pl.col(name).is_not_null() for name in fields))
            if fields
            else members
        )
        missing = {name: int(members.get_column(name).null_count()) for name in fields}
        groups.append(
            {
                "key": group.key,
                "label": group.label,
                "firms": members.height,
                "with_data": complete.height,
                "missing": {name: count for name, count in missing.items() if count},
            }
        )
    no_group = placed.filter(pl.col("status") == NO_GROUP)
    names = no_group.get_column("name").head(EXAMPLES).to_list() if "name" in no_group.columns else []
    return {
        "year": year,
        "scheme_year": scheme.year,
        "groups": groups,
        "no_group": no_group.height,
        "no_group_examples": names,
        "without_sheet": without_sheet,
    }


def coverage(group: dict[str, Any]) -> float | None:
    return group["with_data"] / group["firms"] if group["firms"] else None


def warnings(check: dict[str, Any], *, threshold_percent: int) -> list[str]:
    """What an officer should know before trusting the run, one sentence each (empty: nothing to say)."""
    if not check:
        return []
    said: list[str] = []
    scheme_year, year = check.get("scheme_year"), check["year"]
    if scheme_year is not None and scheme_year != year:
        said.append(
            _("The scheme is the method of %(scheme_year)s, but the run evaluates %(year)s.")
            % {"scheme_year": scheme_year, "year": year}
        )
    for group in check["groups"]:
        share = coverage(group)
        if share is None:
            said.append(
                _(
                    "No enterprise falls into the group %(group)s. If the zone has such enterprises, a missing or "
                    "wrong figure (land, scale, lessor) put them into another group, where they are ranked against "
                    "the wrong peers."
                )
                % {"group": group["label"]}
            )
        elif share * 100 < threshold_percent:
            said.append(
                _(
                    "%(group)s: only %(with_data)s of %(firms)s enterprises (%(percent)s) have every figure "
                    "the group's indicators need."
                )
                % {
                    "group": group["label"],
                    "with_data": f"{group['with_data']:,}",
                    "firms": f"{group['firms']:,}",
                    "percent": f"{share:.1%}",
                }
            )
    if check["no_group"]:
        said.append(
            _("%(count)s enterprises fall into no group of the scheme and get no grade, e.g. %(names)s.")
            % {"count": f"{check['no_group']:,}", "names": "、".join(check["no_group_examples"][:3])}
        )
    if check["without_sheet"]:
        said.append(
            _("%(count)s operating enterprises of the registry have no data sheet for %(year)s.")
            % {"count": f"{check['without_sheet']:,}", "year": year}
        )
    return said

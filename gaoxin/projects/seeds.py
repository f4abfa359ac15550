"""The stages of DOMAIN §4.1, the default admission scorecard and the default ranking rule, as shipped.

The data migrations store them (0002 keeps its own frozen copy of the stages; 0003 uses ``default_rules``);
``ensure_defaults`` stores what is missing again into a database that lost them (flushed, or built without the
migrations' data). Afterwards they are the project office's to change.
"""

from __future__ import annotations

from django.db import transaction

from gaoxin.core import changelog
from gaoxin.projects import default_rules
from gaoxin.projects.choices import StageMilestone
from gaoxin.projects.models import AdmissionScorecard, RankingRule, Stage

STAGES: tuple[tuple[str, str, str], ...] = (
    ("reserve", "储备谋划", ""),
    ("negotiation", "洽谈", ""),
    ("signed", "签约", ""),
    ("registered", "注册", ""),
    ("land_granted", "供地", ""),
    ("started", "开工", StageMilestone.START),
    ("under_construction", "在建", ""),
    ("completed", "竣工", StageMilestone.COMPLETION),
    ("production", "投产", StageMilestone.PRODUCTION),
    ("full_production", "达产", ""),
)


@transaction.atomic
@changelog.acting(by=None)  # the system stores them
def ensure_defaults() -> None:
    for position, (code, name, milestone) in enumerate(STAGES, 1):
        Stage.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": position * 10, "milestone": milestone}
        )
    default_rules.add_missing(AdmissionScorecard, RankingRule)

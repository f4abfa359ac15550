"""赛马比拼: the configurable score of responsible units, and the stored rankings with red and black lists."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.core.change_display import RATIO, Codes
from gaoxin.core.models import LoggedModel, TimeStampedModel
from gaoxin.projects import default_rules
from gaoxin.projects.choices import RankingList, RankingPeriod
from gaoxin.projects.unit_ranking import COMPONENT_LABELS


def default_weights() -> dict[str, int]:
    return dict(default_rules.RANKING_WEIGHTS)


class RankingRule(LoggedModel, TimeStampedModel):
    """The ranking rule in force (the latest row): weights of the components and the size of the lists."""

    change_log_codes = {"weights": Codes({key: _(label) for key, label in COMPONENT_LABELS.items()})}

    weights = models.JSONField(_("weights"), default=default_weights)
    red_count = models.PositiveSmallIntegerField(_("units on the red list"), default=default_rules.RED_COUNT)
    black_count = models.PositiveSmallIntegerField(
        _("units on the black list"), default=default_rules.BLACK_COUNT
    )

    class Meta:
        verbose_name = _("ranking rule")
        verbose_name_plural = _("ranking rules")
        ordering = ["-id"]

    def __str__(self) -> str:
        return str(self.weights)


class UnitRanking(LoggedModel, TimeStampedModel):
    """A responsible unit's place in one month's or quarter's ranking."""

    period = models.CharField(_("period"), max_length=10, choices=RankingPeriod.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("month or quarter"))
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    components = models.JSONField(_("components"), default=dict)
    rank = models.PositiveSmallIntegerField(_("rank"))
    listed = models.CharField(_("list"), max_length=10, choices=RankingList.choices, blank=True)
    change_log_codes = {  # the components by their labels, and the parts of each (rankings.components_json)
        "components": Codes(
            {
                **{key: _(label) for key, label in COMPONENT_LABELS.items()},
                "value": _("rate achieved"),
                "done": pgettext_lazy("ranking component", "done"),
                "due": _("due"),
                "rule": _("ranking rule no."),
            },
            units={"value": RATIO},  # the rate achieved is a fraction: 0.19 reads 19.00%
        )
    }

    class Meta:
        verbose_name = _("unit ranking")
        verbose_name_plural = _("unit rankings")
        ordering = ["period", "-year", "-number", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "year", "number", "department"], name="one_rank_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.number} {self.department} #{self.rank}"

"""A lead's admission reviews (准入评审 / 联审会): the projects' one review mechanism (scorecard, departments'
opinions, the meeting's decision) serves leads too; this links a review to the lead it judges, with the target
parcel and the ★ 亩均 pre-evaluation as it stood when the review was opened (``investment.preevaluation``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes
from gaoxin.core.models import LoggedModel
from gaoxin.investment.models.leads import Lead
from gaoxin.projects.commitment_check import INDICATOR_LABELS, STATUS_LABELS

PREEVALUATION_PARTS = {  # the parts of a stored pre-evaluation, by their labels (the change log)
    **{key: _(label) for key, label in INDICATOR_LABELS.items()},
    "evaluation": _("Per-mu standing"),
    "parcel": _("Land parcel"),
    "run": _("evaluation run"),
    "year": _("year"),
    "scheme": _("scheme"),
    "scheme_version": _("scheme version"),
    "status": _("status"),
    "group": _("group"),
    "group_label": _("group"),
    "total": _("total score"),
    "grade": _("grade"),
    "rank": _("rank"),
    "ranked_count": _("firms ranked"),
    "percentile": _("percentile"),
    "published_count": _("published results"),
    "indicators": _("indicators"),
    "key": _("indicator"),
    "indicator": _("indicator"),
    "label": _("indicator"),
    "unit": _("Unit"),
    "value": _("Value"),
    "benchmark": _("benchmark"),
    "gap": _("gap to the benchmark"),
    "score": _("score"),
    "required": _("control value"),
    "promised": _("promised"),
    "passed": _("passes"),
}


class LeadAdmission(LoggedModel):
    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="admissions"
    )
    review = models.OneToOneField(
        "projects.AdmissionReview",
        verbose_name=_("admission review"),
        on_delete=models.CASCADE,
        related_name="lead_admission",
    )
    parcel = models.ForeignKey(
        "enterprises.LandParcel",
        verbose_name=_("target land parcel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_admissions",
    )
    preevaluation = models.JSONField(_("per-mu pre-evaluation"), default=dict, blank=True, editable=False)
    change_log_codes = {
        "preevaluation": Codes(PREEVALUATION_PARTS, values={k: _(v) for k, v in STATUS_LABELS.items()})
    }

    class Meta:
        verbose_name = _("admission review of a lead")
        verbose_name_plural = _("admission reviews of leads")
        ordering = ["lead", "-review_id"]

    def __str__(self) -> str:
        return f"{self.lead} · {self.review}"

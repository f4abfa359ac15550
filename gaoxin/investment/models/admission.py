"""A lead's admission reviews (准入评审 / 联审会): the projects' one review mechanism (scorecard, departments'
opinions, the meeting's decision) serves leads too; this links a review to the lead it judges."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.investment.models.leads import Lead


class LeadAdmission(models.Model):
    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="admissions"
    )
    review = models.OneToOneField(
        "projects.AdmissionReview",
        verbose_name=_("admission review"),
        on_delete=models.CASCADE,
        related_name="lead_admission",
    )

    class Meta:
        verbose_name = _("admission review of a lead")
        verbose_name_plural = _("admission reviews of leads")
        ordering = ["lead", "-review_id"]

    def __str__(self) -> str:
        return f"{self.lead} · {self.review_id}"

"""The zone map of the battle map: a GeoJSON boundary (the demo ships a synthetic one)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import LoggedModel, TimeStampedModel


class ZoneMap(LoggedModel, TimeStampedModel):
    change_log_exclude = ("geojson",)  # megabytes: the upload's note gives the number of features instead

    name = models.CharField(_("name"), max_length=100)
    geojson = models.JSONField(_("GeoJSON"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("zone map")
        verbose_name_plural = _("zone maps")
        ordering = ["-is_active", "-id"]

    def __str__(self) -> str:
        return self.name

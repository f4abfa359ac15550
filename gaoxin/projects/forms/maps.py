"""The form of the zone map upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.file_fields import BoundedFileField
from gaoxin.projects.services.maps import MAX_BYTES


class ZoneMapUploadForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    file = BoundedFileField(
        max_bytes=MAX_BYTES,
        label=_("GeoJSON file"),
        help_text=_(
            "A FeatureCollection of the zone's boundary and parks as Polygon or MultiPolygon, in longitude and "
            "latitude degrees; at most 5 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".geojson,.json,application/geo+json,application/json"}
        ),
    )

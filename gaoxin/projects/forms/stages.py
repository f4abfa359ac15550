"""The stage form of the settings."""

from __future__ import annotations

from django import forms

from gaoxin.projects.models import Stage


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["code", "name", "sort_order", "milestone", "is_active"]

"""The ranking rule's form: the weights of the components and the size of the red and black lists."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.projects.models import RankingRule
from gaoxin.projects.unit_ranking import COMPONENT_LABELS, COMPONENTS


class RankingRuleForm(forms.Form):
    red_count = forms.IntegerField(label=_("Units on the red list"), min_value=0, max_value=100)
    black_count = forms.IntegerField(label=_("Units on the black list"), min_value=0, max_value=100)

    def __init__(self, *args: Any, rule: RankingRule, **kwargs: Any) -> None:
        initial = {"red_count": rule.red_count, "black_count": rule.black_count}
        initial |= {f"weight_{c}": rule.weights.get(c, 0) for c in COMPONENTS}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for component in COMPONENTS:
            self.fields[f"weight_{component}"] = forms.DecimalField(
                label=gettext("Weight: %(component)s") % {"component": gettext(COMPONENT_LABELS[component])},
                min_value=Decimal(0),
                max_digits=6,
                decimal_places=2,
            )

    def weights(self) -> dict[str, Decimal]:
        return {c: self.cleaned_data[f"weight_{c}"] for c in COMPONENTS}

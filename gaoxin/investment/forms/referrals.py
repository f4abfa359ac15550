"""Forms of referrals: the referrer registered by staff, the portal's referral, the pool's assignment and the
reward rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import User
from gaoxin.enterprises.form_fields import EnterpriseCodeField
from gaoxin.investment.choices import ReferrerKind
from gaoxin.investment.models import InvestmentTeam, Referral


class ReferralForm(forms.ModelForm):
    enterprise = EnterpriseCodeField(label=gettext_lazy("referring enterprise"), required=False)

    class Meta:
        model = Referral
        fields = ["kind", "enterprise", "referrer_name", "referrer_phone", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referrer_name"].required = False
        self.fields["referrer_name"].help_text = gettext_lazy(
            "The person or the named team; for an enterprise, blank takes the enterprise's name."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ReferrerKind.ENTERPRISE and not data.get("enterprise"):
            self.add_error("enterprise", _("Choose the referring enterprise."))
        elif data.get("kind") in (ReferrerKind.PERSON, ReferrerKind.TEAM) and not data.get("referrer_name"):
            self.add_error("referrer_name", _("Name the referrer."))
        return data


class PortalReferralForm(forms.Form):
    investor = forms.CharField(label=gettext_lazy("investor"), max_length=200)
    project = forms.CharField(label=gettext_lazy("project"), max_length=200, required=False)
    contact = forms.CharField(
        label=gettext_lazy("the investor's contact"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("A name and a phone number the bureau can reach."),
    )
    note = forms.CharField(
        label=gettext_lazy("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PoolAssignForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=gettext_lazy("responsible officer"),
        queryset=User.objects.filter(is_active=True, role=Role.OFFICER).order_by("username"),
        required=False,
    )
    team = forms.ModelChoiceField(
        label=gettext_lazy("responsible team"),
        queryset=InvestmentTeam.objects.filter(is_active=True),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("officer") and not data.get("team"):
            raise ValidationError(_("Name the responsible officer or the responsible team."))
        return {key: value for key, value in data.items() if value}


class RewardRuleForm(forms.Form):
    """The tiers as lines "upper bound (万元) rate (‰)", the last line the rate above the last bound."""

    tiers = forms.CharField(
        label=gettext_lazy("reward tiers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One tier a line: the upper bound of fixed-asset investment formed (10k yuan) and the rate in per "
            "mille, e.g. “10000 3”; the last line only the rate above the last bound, e.g. “1.5”."
        ),
    )
    reward_cap = forms.DecimalField(
        label=gettext_lazy("reward cap (10k yuan)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    reward_marginal = forms.BooleanField(label=gettext_lazy("each slice at its own rate"), required=False)
    reward_claim_days = forms.IntegerField(
        label=gettext_lazy("reward claimed within (days after completion)"), min_value=1, max_value=3650
    )

    @staticmethod
    def tiers_text(tiers: list[dict[str, Any]]) -> str:
        return "\n".join(
            f"{tier['permille']}"
            if tier.get("up_to") in (None, "")
            else f"{tier['up_to']} {tier['permille']}"
            for tier in tiers
        )

    def clean_tiers(self) -> list[dict[str, Decimal | None]]:
        tiers: list[dict[str, Decimal | None]] = []
        for number, line in enumerate(self.cleaned_data["tiers"].splitlines(), 1):
            parts = line.replace("，", " ").replace(",", " ").split()
            if not parts:
                continue
            try:
                figures = [Decimal(part) for part in parts]
            except ArithmeticError:
                raise ValidationError(_("Line %(line)s: write numbers only.") % {"line": number}) from None
            if len(figures) > 2:
                raise ValidationError(_("Line %(line)s: write a bound and a rate.") % {"line": number})
            tiers.append({"up_to": figures[0] if len(figures) == 2 else None, "permille": figures[-1]})
        return tiers

    def cleaned(self) -> dict[str, Any]:
        """What the service takes."""
        data = dict(self.cleaned_data)
        data["reward_tiers"] = data.pop("tiers")
        return data

"""Schemes: one county's evaluation method as TOML text, validated by the engine whenever it is saved."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import User
from gaoxin.core.change_display import RATIO, Term
from gaoxin.core.models import LoggedModel, TimeStampedModel
from gaoxin.evaluation import engine
from gaoxin.evaluation.messages import scheme_problems


@lru_cache(maxsize=32)
def parse(text: str) -> engine.Scheme:
    """The engine's scheme for a TOML text (cached: pages and runs parse the same few texts often)."""
    return engine.parse_scheme(text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SchemeQuerySet(models.QuerySet["Scheme"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Schemes are the committee's: staff see them all, nobody else any."""
        return self.all() if isinstance(user, User) and user.is_staff_member else self.none()


class Scheme(LoggedModel, TimeStampedModel):
    """A versioned method. ``name`` (the key), ``title``, ``version``, ``year`` and ``description`` are read from
    the TOML text."""

    name = models.CharField(_("name"), max_length=100, editable=False)
    title = models.CharField(_("title"), max_length=200, blank=True, editable=False)
    version = models.CharField(_("version"), max_length=40, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    description = models.TextField(_("description"), blank=True, editable=False)
    text = models.TextField(_("scheme (TOML)"))
    text_hash = models.CharField(_("SHA-256 of the text"), max_length=64, editable=False)
    source_file = models.CharField(_("source file"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["name", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="scheme_name_version_unique")]

    def __str__(self) -> str:
        return f"{self.display_name} {self.version}"

    @property
    def display_name(self) -> str:
        """The title the scheme publishes (notices, pages), or its key when it declares none."""
        return self.title or self.name

    def parsed(self) -> engine.Scheme:
        return parse(self.text)

    def read_text(self) -> engine.Scheme:
        """Validate the text with the engine and copy what it declares; ValidationError names every problem."""
        try:
            scheme = parse(self.text)
        except engine.SchemeError as error:
            raise ValidationError({"text": scheme_problems(error)}) from error
        self.name, self.version, self.year = scheme.name, scheme.version, scheme.year
        self.title = scheme.title
        self.description = scheme.description.strip()
        self.text_hash = text_hash(self.text)
        return scheme

    def clean(self) -> None:
        self.read_text()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.read_text()
        super().save(*args, **kwargs)

    @property
    def grades(self) -> tuple[str, ...]:
        return self.parsed().grades


# What the codes of a run's records stand for in its scheme, for the change log (``change_display.Terms``).


def indicator_terms(scheme: Scheme) -> dict[str, Term]:
    """The scheme's indicators by their labels, with their units (none: a ratio, shown as a percentage)."""
    return {d.key: Term(d.label, d.unit or RATIO) for d in scheme.parsed().indicators}


def title_terms(scheme: Scheme) -> dict[str, Term | str]:
    """The scheme's key by the title it publishes."""
    return {scheme.name: scheme.display_name}


def group_terms(scheme: Scheme) -> dict[str, Term | str]:
    """The scheme's groups by their labels."""
    return {group.key: group.label for group in scheme.parsed().groups}


def benchmark_terms(scheme: Scheme) -> dict[str, Term | str]:
    """The scheme's groups and indicators by their labels."""
    return {**group_terms(scheme), **indicator_terms(scheme)}


def input_terms(scheme: Scheme) -> dict[str, Term | str]:
    """The further inputs the scheme declares, by their labels."""
    return {column.key: column.label for column in scheme.parsed().inputs}


def adjustment_terms(scheme: Scheme) -> dict[str, Term | str]:
    """The scheme's adjustments by their reasons."""
    return {rule.key: rule.reason for rule in scheme.parsed().adjustments}


def active_input_terms(_: None) -> dict[str, Term | str]:
    """The further inputs the active schemes declare, by their labels (the first declaration of a key wins)."""
    terms: dict[str, Term | str] = {}
    for scheme in Scheme.objects.filter(is_active=True).order_by("name", "-created_at"):
        for key, label in input_terms(scheme).items():
            terms.setdefault(key, label)
    return terms

from __future__ import annotations

from typing import Any, ClassVar, Self, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import User
from gaoxin.core.change_display import Codes
from gaoxin.core.models import (
    NON_NEGATIVE,
    PLAUSIBLE_DATE,
    PLAUSIBLE_YEAR,
    LoggedModel,
    TimeStampedModel,
    amount,
)
from gaoxin.enterprises import credit_code as credit_codes
from gaoxin.enterprises import industry
from gaoxin.enterprises.choices import DataSource, EnterpriseStatus, LandUse, Scale
from gaoxin.enterprises.pinyin import SORT_KEY_LENGTH, initials, sort_key
from gaoxin.enterprises.validators import validate_credit_code, validate_industry_code


class Park(LoggedModel, TimeStampedModel):
    """A park or area of the zone (园区 / 片区)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Chain(LoggedModel, TimeStampedModel):
    """An industrial chain the zone develops (光伏, 汽车零部件 …); enterprises are tagged with chains."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("industrial chain")
        verbose_name_plural = _("industrial chains")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


SPACES = (" ", "\u3000")  # the ASCII and the full-width (ideographic) space


def _name_without_spaces() -> Any:
    name: Any = F("name")
    for space in SPACES:
        name = Replace(name, Value(space), Value(""))
    return name


def _term_query(term: str) -> Q:
    """One term: Chinese → the name, spaces in it ignored; letters → name or pinyin initials; letters and
    digits → anywhere in the credit code (any case), or the name."""
    if not term.isascii():
        return Q(name__contains=term) | Q(Contains(_name_without_spaces(), term))
    if term.isalpha():
        return Q(name_initials__contains=term.lower()) | Q(name__icontains=term)
    if term.isalnum():
        return Q(credit_code__contains=term.upper()) | Q(name__icontains=term)
    return Q(name__icontains=term)


def search_query(text: str) -> Q:
    """Enterprises matching every whitespace-separated term of ``text`` ("嘉兴 光伏" finds 嘉兴光伏科技, and
    "嘉兴光伏" finds "嘉兴 光伏科技"); no term matches everything."""
    query = Q()
    for term in text.split():
        query &= _term_query(term)
    return query


class EnterpriseQuerySet(models.QuerySet["Enterprise"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Committee staff see the whole registry; an enterprise contact sees only their own enterprise."""
        if isinstance(user, User) and user.is_staff_member:
            return self.all()
        if isinstance(user, User) and user.is_enterprise_contact:
            return self.filter(pk=user.enterprise_id)
        return self.none()

    def search(self, text: str) -> Self:
        """By name, pinyin initials or credit code (``search_query``)."""
        return self.filter(search_query(text))


class Enterprise(LoggedModel, TimeStampedModel):
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    name = models.CharField(_("name"), max_length=200, db_index=True)
    former_names = models.JSONField(_("former names"), default=list, blank=True)
    name_initials = models.CharField(
        _("pinyin initials"), max_length=200, blank=True, db_index=True, editable=False
    )
    name_sort = models.CharField(
        _("pinyin sort key"), max_length=SORT_KEY_LENGTH, blank=True, db_index=True, editable=False
    )
    legal_representative = models.CharField(_("legal representative"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    industry_code = models.CharField(
        _("industry (GB/T 4754-2017)"),
        max_length=4,
        blank=True,
        validators=[validate_industry_code],
        db_index=True,
    )
    scale = models.CharField(_("scale"), max_length=20, choices=Scale.choices, default=Scale.BELOW_SCALE)
    registered_on = models.DateField(_("registration date"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    park = models.ForeignKey(
        Park,
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    chains = models.ManyToManyField(
        Chain, verbose_name=_("industrial chains"), blank=True, related_name="enterprises"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnterpriseStatus.choices, default=EnterpriseStatus.OPERATING
    )
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name_sort", "name", "credit_code"]
        indexes = [
            models.Index(fields=["scale", "status"]),
            models.Index(fields=["park", "name"]),
            # the list filtered by park and scale, sorted by code, reads its page and its count from this
            models.Index(fields=["park", "scale", "credit_code"], name="enterprise_park_scale_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.credit_code = credit_codes.normalize(self.credit_code)
        self.name_initials = initials(self.name)
        self.name_sort = sort_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def industry_name(self) -> str:
        return industry.name(self.industry_code) or "" if self.industry_code else ""


Owned = TypeVar("Owned", bound=models.Model)


class EnterpriseOwnedQuerySet(models.QuerySet[Owned]):
    """Base of the querysets of rows that belong to one enterprise (its objections, confirmations …): committee
    staff see them all, an enterprise contact those of their enterprise (reached by ``enterprise_lookups``)."""

    enterprise_lookups: ClassVar[tuple[str, ...]] = ("enterprise",)

    def for_user(self, user: User | AnonymousUser) -> Self:
        if isinstance(user, User) and user.is_staff_member:
            return self.all()
        if isinstance(user, User) and user.is_enterprise_contact:
            own = Q()
            for lookup in self.enterprise_lookups:
                own |= Q(**{lookup: user.enterprise_id})
            return self.filter(own)
        return self.none()


class LandParcelQuerySet(models.QuerySet["LandParcel"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Committee staff see every parcel; an enterprise contact the parcels their enterprise owns or leases."""
        if isinstance(user, User) and user.is_staff_member:
            return self.all()
        if isinstance(user, User) and user.is_enterprise_contact:
            return self.filter(
                Q(owner_id=user.enterprise_id) | Q(leases__lessee_id=user.enterprise_id)
            ).distinct()
        return self.none()


class LandParcel(LoggedModel, TimeStampedModel):
    certificate_no = models.CharField(_("real estate certificate number"), max_length=80, unique=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    area_mu = models.DecimalField(_("area (mu)"), max_digits=14, decimal_places=4, validators=NON_NEGATIVE)
    use = models.CharField(_("land use"), max_length=20, choices=LandUse.choices, default=LandUse.INDUSTRIAL)
    owner = models.ForeignKey(
        Enterprise,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parcels",
    )
    park = models.ForeignKey(
        Park, verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT, related_name="parcels"
    )
    longitude = models.DecimalField(_("longitude"), max_digits=10, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=10, decimal_places=6, null=True, blank=True)
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True, validators=PLAUSIBLE_DATE)

    objects = LandParcelQuerySet.as_manager()

    class Meta:
        verbose_name = _("land parcel")
        verbose_name_plural = _("land parcels")
        ordering = ["certificate_no"]

    def __str__(self) -> str:
        return self.certificate_no


class Lease(LoggedModel, TimeStampedModel):
    """Space leased by one enterprise (the lessee) from another (the lessor), on a parcel; sub-lets are leases too."""

    lessee = models.ForeignKey(
        Enterprise, verbose_name=_("lessee"), on_delete=models.CASCADE, related_name="leases_taken"
    )
    lessor = models.ForeignKey(
        Enterprise,
        verbose_name=_("lessor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leases_given",
    )
    parcel = models.ForeignKey(
        LandParcel,
        verbose_name=_("parcel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leases",
    )
    floor_area_m2 = models.DecimalField(
        _("leased floor area (m²)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    land_mu = models.DecimalField(
        _("land share (mu)"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        help_text=_("The share of the parcel's land attributed to the lessee."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    ends_on = models.DateField(_("ends on"), null=True, blank=True, validators=PLAUSIBLE_DATE)

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ["lessee__name_sort", "-starts_on"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(lessee=models.F("lessor")), name="lease_not_to_self"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="lease_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lessee} ← {self.lessor or '—'}"


MAX_EMPLOYEES = 1_000_000  # more than any single firm employs


class EnterpriseYearQuerySet(models.QuerySet["EnterpriseYear"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """The yearly data of the enterprises the user sees."""
        return self.filter(enterprise__in=Enterprise.objects.for_user(user))


class EnterpriseYear(LoggedModel, TimeStampedModel):
    """An enterprise's yearly data; each value records its source and whether the enterprise confirmed it."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=PLAUSIBLE_YEAR)
    tax = amount(_("tax paid (10k yuan)"))
    revenue = amount(_("operating revenue (10k yuan)"))
    main_revenue = amount(_("main business revenue (10k yuan)"))
    output_value = amount(_("gross industrial output (10k yuan)"))
    value_added = amount(_("industrial value added (10k yuan)"))
    energy_tce = amount(_("energy use (tce)"))
    electricity_10k_kwh = amount(_("electricity use (10k kWh)"))
    emissions_t = amount(_("main pollutant emissions (t)"))
    rd_expense = amount(_("R&D expenditure (10k yuan)"))
    employees = models.PositiveIntegerField(
        _("average employees"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_EMPLOYEES)],
    )
    land_mu = amount(_("land area (mu)"))
    sources = models.JSONField(_("sources"), default=dict, blank=True)
    confirmed_fields = models.JSONField(_("fields confirmed by the enterprise"), default=list, blank=True)
    change_log_codes = {  # yearly fields by their labels, sources by theirs
        "sources": Codes(names="self", values=DataSource),
        "confirmed_fields": Codes(names="self"),
    }

    objects = EnterpriseYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("yearly data")
        verbose_name_plural = _("yearly data")
        ordering = ["enterprise", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="one_row_per_enterprise_year")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"

    def source_of(self, field: str) -> str:
        code = self.sources.get(field, "")
        return str(DataSource(code).label) if code in DataSource.values else ""

    def is_confirmed(self, field: str) -> bool:
        return field in self.confirmed_fields

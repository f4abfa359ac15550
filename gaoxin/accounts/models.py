from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.contrib.auth.models import AbstractUser, AnonymousUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.choices import Capability, Role
from gaoxin.core.change_display import Codes
from gaoxin.core.models import LoggedModel, TimeStampedModel

if TYPE_CHECKING:
    from gaoxin.enterprises.models import Enterprise


class Department(LoggedModel, TimeStampedModel):
    """A bureau of the management committee (经发局, 招商局, 项目办 …) or another department it works with."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    capabilities = models.JSONField(
        _("responsibilities"),
        default=list,
        blank=True,
        help_text=_("Modules this department is responsible for."),
    )
    change_log_codes = {"capabilities": Codes(Capability)}
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def capability_labels(self) -> list[str]:
        return [str(label) for value, label in Capability.choices if value in self.capabilities]

    def holds(self, capability: Capability | str) -> bool:
        return str(capability) in self.capabilities


class UserQuerySet(models.QuerySet["User"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Administrators see every account; anyone else their own; anonymous users none."""
        if isinstance(user, User) and user.is_administrator:
            return self.all()
        if isinstance(user, User):
            return self.filter(pk=user.pk)
        return self.none()


class AccountManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's user manager (create_user …) over the queryset with the scoping rule."""

    use_in_migrations = True


class User(LoggedModel, AbstractUser):
    change_log_exclude = ("last_login",)  # bookkeeping of each login, not a change of the account
    change_log_secret_fields = ("password",)  # logged as set or changed, never the hash
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    enterprise: models.ForeignKey[Enterprise | None, Enterprise | None] = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        help_text=_("For enterprise contacts: the one enterprise they act for."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    objects: ClassVar[AccountManager] = AccountManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="enterprise_contact") | models.Q(enterprise__isnull=False),
                name="enterprise_contact_has_enterprise",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.role == Role.ADMINISTRATOR or self.is_superuser)

    @property
    def is_leader(self) -> bool:
        return self.is_active and self.role == Role.LEADER

    @property
    def is_officer(self) -> bool:
        return self.is_active and self.role == Role.OFFICER

    @property
    def is_enterprise_contact(self) -> bool:
        return self.is_active and self.role == Role.ENTERPRISE_CONTACT

    @property
    def is_staff_member(self) -> bool:
        """Committee staff: everyone but enterprise contacts."""
        return self.is_administrator or self.is_leader or self.is_officer

    def can_act_on(self, capability: Capability | str) -> bool:
        """May change data of a module: administrators always, officers whose department holds it."""
        if self.is_administrator:
            return True
        return self.is_officer and self.department is not None and self.department.holds(capability)


class LoginThrottle(models.Model):
    """Failed logins of one account or one client address within the current window, and the lock they led to.

    Kept in the database (not a process's memory) so that every web server process sees the same count.
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account", _("Account")
        ADDRESS = "address", _("Client address")

    scope = models.CharField(_("locks"), max_length=10, choices=Scope.choices)
    key = models.CharField(_("account or address"), max_length=150)
    # The counters change with every failed login and are not logged; a lock and its lifting are.
    failures = models.PositiveIntegerField(_("failed logins"), default=0, editable=False)
    window_started_at = models.DateTimeField(_("first failure of the window"), editable=False)
    last_failure_at = models.DateTimeField(_("last failure"), editable=False)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("login lock")
        verbose_name_plural = _("login locks")
        ordering = ["-last_failure_at"]
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="login_throttle_scope_key")]
        indexes = [models.Index(fields=["locked_until"], name="login_throttle_locked_until")]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key}"

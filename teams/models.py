from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.validators import validate_chinese_phone


class Team(models.Model):
    """A group of the center (招商小组), e.g. 招商一组."""

    name = models.CharField(
        _("name"), max_length=50, unique=True, error_messages={"unique": _("A group with this name already exists.")}
    )
    code = models.CharField(
        _("short code"),
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", _("Use letters, digits and dashes only."))],
        error_messages={"unique": _("A group with this short code already exists.")},
        help_text=_("Letters and digits, e.g. G1; used in lists and exports."),
    )
    leader = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("group leader"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_team",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:team_detail", args=[self.pk])


class Membership(models.Model):
    """A person of the center: the profile on Django's user with their group and role."""

    class Role(models.TextChoices):
        RECRUITER = "recruiter", _("Recruiter")
        TEAM_LEADER = "team_leader", _("Group leader")
        DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
        DIRECTOR = "director", _("Director")
        ADMIN = "admin", _("Administrator")

    # Roles that work inside one group and therefore must belong to one.
    TEAM_ROLES = (Role.RECRUITER, Role.TEAM_LEADER)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership"
    )
    display_name = models.CharField(_("display name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_chinese_phone])
    wechat_id = models.CharField(_("WeChat ID"), max_length=50, blank=True)
    team = models.ForeignKey(
        Team, verbose_name=_("group"), on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RECRUITER)

    class Meta:
        ordering = ["team__code", "role", "display_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.CheckConstraint(
                condition=Q(team__isnull=False) | ~Q(role__in=["recruiter", "team_leader"]),
                name="membership_team_role_needs_team",
                violation_error_message=_("Recruiters and group leaders must belong to a group."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("teams:member_detail", args=[self.pk])


class MemberEvent(models.Model):
    """Append-only history of what was done to a member or a group; written only by `record()`."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Member added")
        UPDATED = "updated", _("Details changed")
        MOVED = "moved", _("Moved to another group")
        ROLE_CHANGED = "role_changed", _("Role changed")
        DEACTIVATED = "deactivated", _("Deactivated")
        REACTIVATED = "reactivated", _("Reactivated")
        LEADER_SET = "leader_set", _("Group leader set")
        TEAM_CREATED = "team_created", _("Group created")
        TEAM_UPDATED = "team_updated", _("Group changed")

    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    member = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.PROTECT, null=True, related_name="events"
    )
    team = models.ForeignKey(Team, verbose_name=_("group"), on_delete=models.PROTECT, null=True, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    old_value = models.CharField(_("before"), max_length=100, blank=True)
    new_value = models.CharField(_("after"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("member event")
        verbose_name_plural = _("member events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.change}"

    @property
    def change(self) -> str:
        """`before → after` in the reader's language (role codes are translated, names are data)."""
        values = [self.old_value, self.new_value]
        if self.kind == self.Kind.ROLE_CHANGED:
            values = [str(Membership.Role(v).label) if v in Membership.Role.values else v for v in values]
        return " → ".join(v for v in values if v)

    @classmethod
    def record(
        cls,
        *,
        kind: str,
        actor,
        member: Membership | None = None,
        team: Team | None = None,
        old_value: str = "",
        new_value: str = "",
    ) -> "MemberEvent":
        return cls.objects.create(
            kind=kind, actor=actor, member=member, team=team, old_value=old_value[:100], new_value=new_value[:100]
        )

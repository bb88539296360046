"""The Django side of the stack test, run in the driver process against the stack's database: the people
the load client plays (the demo center plus the recruiters and directors it lacks, created through the
teams services), and the checks afterwards, read straight from the database the stack wrote."""

from collections import Counter
from dataclasses import dataclass
from datetime import time

import django

django.setup()  # the caller has set the stack's environment (stack.stack_environment) before importing

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from activities.models import ContactLog, FollowUp  # noqa: E402
from projects.models import Project  # noqa: E402
from projects.selectors import project_list_for_user  # noqa: E402
from reminders.models import (  # noqa: E402
    ChannelKind,
    Delivery,
    GroupWebhook,
    Kind,
    Notification,
    ReminderPolicy,
    ReminderPreference,
)
from teams import services as team_services  # noqa: E402
from teams.demo import DEMO_PASSWORD  # noqa: E402
from teams.models import Membership, Team  # noqa: E402

RECRUITERS, DIRECTORS = 20, 3
# Passes the password validators (the demo password is refused for new people: it has "juneng" in it).
STACK_PASSWORD = "kestrel-plover-7391"
Role = Membership.Role


@dataclass(frozen=True)
class Person:
    username: str
    password: str
    project_id: int | None = None  # the project a recruiter logs contacts on


def _add_member(admin: User, username: str, display_name: str, role: str, team: Team | None) -> None:
    if not User.objects.filter(username=username).exists():
        team_services.member_create(
            actor=admin, username=username, display_name=display_name, password=STACK_PASSWORD, role=role,
            team=team, confirm_same_name=True,
        )  # fmt: skip


def prepare_center() -> tuple[list[Person], list[Person]]:
    """After `seed_demo`: 20 recruiters (the demo's 15 and one more per group) and 3 directors (the
    demo's and two more); reminders due at 00:00 so today's follow-ups are due at once, nobody muted or in
    quiet hours, no group robot (nothing may leave the machine). Returns (recruiters, directors)."""
    admin = User.objects.get(username="admin")
    teams = list(Team.objects.filter(is_active=True).order_by("code"))
    for number in range(RECRUITERS - Membership.objects.filter(role=Role.RECRUITER).count()):
        team = teams[number % len(teams)]
        _add_member(admin, f"stackrec{number + 1}", f"压测专员{number + 1}", Role.RECRUITER, team)
    for number in range(DIRECTORS - Membership.objects.filter(role=Role.DIRECTOR).count()):
        _add_member(admin, f"stackdir{number + 1}", f"压测主任{number + 1}", Role.DIRECTOR, None)
    ReminderPolicy.objects.update_or_create(pk=1, defaults={"due_time": time(0, 0)})
    ReminderPreference.objects.update(muted_kinds=[], quiet_start=None, quiet_end=None)
    GroupWebhook.objects.update(is_active=False)

    def password_of(user: User) -> str:
        return DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else STACK_PASSWORD

    recruiters = []
    for membership in Membership.objects.filter(role=Role.RECRUITER).select_related("user").order_by("pk"):
        project = project_list_for_user(membership.user).exclude(status=Project.Status.DROPPED).order_by("pk").first()
        if project is None:
            raise RuntimeError(f"{membership.user.username} has no project to log contacts on")
        recruiters.append(Person(membership.user.username, password_of(membership.user), project.pk))
    directors = [
        Person(m.user.username, password_of(m.user))
        for m in Membership.objects.filter(role=Role.DIRECTOR).select_related("user").order_by("pk")
    ]
    assert len(recruiters) == RECRUITERS and len(directors) == DIRECTORS, (len(recruiters), len(directors))
    connection.close()
    return recruiters, directors


def _due_today():
    """Open follow-ups due today whose owner is active: each must get exactly one in-app "due" reminder."""
    today = timezone.localdate()
    return FollowUp.objects.filter(status=FollowUp.Status.OPEN, owner__is_active=True, due_date=today), today


def reminders_outstanding() -> int:
    """Follow-ups due today whose in-app reminder is not sent yet (none written, or waiting, or held)."""
    due, today = _due_today()
    sent = Delivery.objects.filter(
        kind=Kind.DUE, object_type="follow_up", channel=ChannelKind.IN_APP, period=today.isoformat(),
        status=Delivery.Status.SENT,
    ).values_list("object_id", flat=True)  # fmt: skip
    outstanding = due.exclude(pk__in=sent).count()
    connection.close()
    return outstanding


def check_writes(prefix: str, succeeded: set[str], failed: set[str]) -> dict:
    """Every marker the client saw succeed is in the database once; what the client saw fail may or may
    not be (the request may have committed before the answer was lost): counted, not an error."""
    logs = Counter(
        summary.removeprefix(prefix).strip()
        for summary in ContactLog.objects.filter(summary__startswith=prefix).values_list("summary", flat=True)
    )
    follow_ups = Counter(
        title.split()[-1] for title in FollowUp.objects.filter(title__contains=prefix).values_list("title", flat=True)
    )
    connection.close()
    return {
        "logs in database": sum(logs.values()),
        "succeeded (client)": len(succeeded),
        "lost (succeeded, not in database)": sorted(succeeded - set(logs)),
        "written twice": sorted(marker for marker, count in logs.items() if count > 1),
        "failed (client) but written": len(failed & set(logs)),
        "unknown markers in database": sorted(set(logs) - succeeded - failed),
        "follow-ups missing": sorted(set(logs) - set(follow_ups)),
    }


def check_reminders(prefix: str) -> dict:
    """Each follow-up due today: exactly one in-app "due" delivery, sent, with exactly one notification;
    nothing failed or given up."""
    due, today = _due_today()
    due_ids = set(due.values_list("pk", flat=True))
    deliveries = Delivery.objects.filter(
        kind=Kind.DUE, object_type="follow_up", channel=ChannelKind.IN_APP, period=today.isoformat()
    )
    per_follow_up = Counter(deliveries.values_list("object_id", flat=True))
    sent = set(deliveries.filter(status=Delivery.Status.SENT).values_list("object_id", flat=True))
    with_notification = Counter(
        Notification.objects.filter(delivery__in=deliveries).values_list("delivery__object_id", flat=True)
    )
    run_titles = Counter(
        Notification.objects.filter(kind=Kind.DUE, title__contains=prefix).values_list("title", flat=True)
    )
    result = {
        "due today": len(due_ids),
        "of this run": FollowUp.objects.filter(pk__in=due_ids, title__contains=prefix).count(),
        "sent": len(due_ids & sent),
        "not sent": len(due_ids - sent),
        "more than one delivery": sum(1 for pk in due_ids if per_follow_up[pk] > 1),
        "without notification": sum(1 for pk in due_ids if with_notification[pk] == 0),
        "more than one notification": sum(1 for count in with_notification.values() if count > 1)
        + sum(1 for count in run_titles.values() if count > 1),
        "failed or given up (any reminder)": Delivery.objects.filter(
            status__in=[Delivery.Status.FAILED, Delivery.Status.GAVE_UP]
        ).count(),
        "deliveries sent (all kinds)": Delivery.objects.filter(status=Delivery.Status.SENT).count(),
    }
    connection.close()
    return result

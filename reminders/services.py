"""Reminder sweeps and sends.

Each sweep finds in SQL what is due at `now` and writes Delivery rows with INSERT … ON CONFLICT DO NOTHING
on their unique key (object, kind, recipient/robot, channel, period): running a sweep twice, two beats or
two workers at once cannot produce a second row. `deliveries_dispatch` then hands each waiting row to a
send task; `delivery_send` claims the row with a conditional UPDATE before sending.

Delivery guarantees: in-app notifications are exactly once (written in the transaction that marks the row
sent). Email and robots are at-least-once only in one window — a worker that dies after the message left
but before the row was marked sent; the claim's lease (LEASE) lets a redelivered task resend it then.
Nothing is ever sent twice otherwise."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from activities.models import ContactLog, FollowUp
from projects.models import Project, ProjectEvent, StageRequest
from projects.stages import Approver, rule
from reminders import channels, registry
from reminders.models import ChannelKind, Delivery, GroupWebhook, Kind, ReminderPolicy, ReminderPreference
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES

LEASE = timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
BACKOFF = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1)]
MAX_ATTEMPTS = len(BACKOFF) + 1
ESCALATION_EPISODE = "overdue-since-"  # + the due date: one escalation per episode


@dataclass
class Reminder:
    """One thing to tell some people about."""

    kind: str
    object_type: str
    object_id: int
    period: str
    title: str
    body: str
    url: str
    robot_team_id: int | None = None  # also to this group's WeCom/DingTalk robot, if it has one


def _preferences(users: Iterable[User]) -> dict[int, ReminderPreference]:
    return {p.user_id: p for p in ReminderPreference.objects.filter(user__in=[u.pk for u in users])}


def _deliveries(reminder: Reminder, recipients: Iterable[User], now: datetime, prefs: dict) -> list[Delivery]:
    """The rows for this reminder: each active recipient × each channel they keep on, unless it is quiet
    time for them (then the sweep after their quiet hours writes it)."""
    local = timezone.localtime(now).time()
    rows = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        pref = prefs.get(user.pk) or ReminderPreference(user=user)
        if reminder.kind in pref.muted_kinds or pref.is_quiet_at(local):
            continue
        wanted = [ChannelKind.IN_APP] if pref.in_app_enabled else []
        if settings.EMAIL_ENABLED and pref.email_enabled and user.email:  # EMAIL_ENABLED=false: no email rows
            wanted.append(ChannelKind.EMAIL)
        rows += [
            Delivery(
                kind=reminder.kind,
                object_type=reminder.object_type,
                object_id=reminder.object_id,
                recipient=user,
                channel=channel,
                period=reminder.period,
                title=reminder.title[:200],
                body=reminder.body,
                url=reminder.url,
            )  # fmt: skip
            for channel in wanted
        ]
    return rows


def _write(pairs: list[tuple[Reminder, list[User]]], now: datetime) -> int:
    """Insert the deliveries, skipping any that exist already (the unique key). Returns rows attempted."""
    prefs = _preferences(user for _, users in pairs for user in users if user is not None)
    rows = [row for reminder, users in pairs for row in _deliveries(reminder, users, now, prefs)]
    robots = set(GroupWebhook.objects.filter(is_active=True).values_list("team_id", flat=True))
    rows += [
        Delivery(
            kind=reminder.kind,
            object_type=reminder.object_type,
            object_id=reminder.object_id,
            team_id=reminder.robot_team_id,
            channel=ChannelKind.WEBHOOK,
            period=reminder.period,
            title=reminder.title[:200],
            body=reminder.body,
            url=reminder.url,
        )  # fmt: skip
        for reminder, _users in pairs
        if reminder.robot_team_id in robots
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def _leader(team) -> User | None:
    return team.leader if team is not None and team.leader_id else None


def _follow_up_reminder(kind: str, follow_up: FollowUp, period: str) -> Reminder:
    where = follow_up.project.name if follow_up.project_id else follow_up.company.name
    when = follow_up.due_date.isoformat() + (f" {follow_up.due_time:%H:%M}" if follow_up.due_time else "")
    titles = {
        Kind.DUE: _("Due today: %(title)s"),
        Kind.DUE_SOON: _("Soon: %(title)s"),
        Kind.OVERDUE: _("Overdue: %(title)s"),
        Kind.ESCALATION: _("Overdue in your group: %(title)s"),
    }
    body = _("%(where)s · due %(when)s · %(owner)s") % {
        "where": where, "when": when, "owner": follow_up.owner.membership.display_name,
    }  # fmt: skip
    url = follow_up.project.get_absolute_url() if follow_up.project_id else reverse("activities:my_day")
    return Reminder(kind, "follow_up", follow_up.pk, period, titles[kind] % {"title": follow_up.title}, body, url)


def _open_follow_ups():
    return FollowUp.objects.filter(status=FollowUp.Status.OPEN, owner__is_active=True).select_related(
        "owner__membership", "project", "company", "team__leader"
    )


def _not_yet(queryset, kind: str, object_type: str, period, *, any_recipient: bool = False):
    """Leave out rows that already have this reminder for this period (a string, or an expression of the row):
    after the first sweep of a day the sweeps only look at what is new, so their cost follows the due rows,
    not the minutes. `any_recipient`: a robot's row counts too (a reminder that may go to a robot only)."""
    written = Delivery.objects.filter(kind=kind, object_type=object_type, object_id=OuterRef("pk"), period=period)
    if not any_recipient:
        written = written.filter(recipient__isnull=False)
    return queryset.exclude(Exists(written))


def sweep_follow_ups(*, now: datetime | None = None) -> int:
    """Due (the morning of the due day), due soon (before a timed one), overdue (daily, to the owner) and,
    after the escalation threshold, once to the group leader and the group's robot: the escalation's period
    is the episode — the due date it is overdue against — so it goes out again only if the follow-up is
    rescheduled (or snoozed) and becomes overdue again."""
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    local = timezone.localtime(now)
    today = local.date()
    pairs: list[tuple[Reminder, list[User]]] = []
    morning = local.time() >= policy.due_time
    if morning:
        period = today.isoformat()
        for follow_up in _not_yet(_open_follow_ups().filter(due_date=today), Kind.DUE, "follow_up", period):
            pairs.append((_follow_up_reminder(Kind.DUE, follow_up, period), [follow_up.owner]))
        for follow_up in _not_yet(_open_follow_ups().filter(due_date__lt=today), Kind.OVERDUE, "follow_up", period):
            pairs.append((_follow_up_reminder(Kind.OVERDUE, follow_up, period), [follow_up.owner]))
        escalate_before = today - timedelta(days=policy.escalate_after_days - 1)
        escalating = _open_follow_ups().filter(due_date__lt=escalate_before)
        episode = Concat(Value(ESCALATION_EPISODE), Cast(OuterRef("due_date"), output_field=CharField()))
        for follow_up in _not_yet(escalating, Kind.ESCALATION, "follow_up", episode, any_recipient=True):
            period_of_episode = ESCALATION_EPISODE + follow_up.due_date.isoformat()
            escalation = _follow_up_reminder(Kind.ESCALATION, follow_up, period_of_episode)
            escalation.robot_team_id = follow_up.team_id
            leader = _leader(follow_up.team)
            pairs.append((escalation, [leader] if leader is not None and leader != follow_up.owner else []))
    soon = local.time()
    horizon = (local + timedelta(minutes=policy.due_soon_minutes)).time()
    timed = _open_follow_ups().filter(due_date=today, due_time__isnull=False, due_time__gt=soon)
    if horizon > soon:  # not across midnight
        timed = timed.filter(due_time__lte=horizon)
        for follow_up in timed:
            period = f"{today.isoformat()}T{follow_up.due_time:%H:%M}"
            pairs.append((_follow_up_reminder(Kind.DUE_SOON, follow_up, period), [follow_up.owner]))
    return _write(pairs, now)


def sweep_projects(*, now: datetime | None = None) -> int:
    """Stale projects (no contact log for N days) and projects stuck in one stage, to owner and leader —
    once per episode: a new contact or a stage move starts a new one."""
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    active = Project.objects.filter(status=Project.Status.ACTIVE).select_related("owner", "owner_team__leader")
    stale_cutoff = now - timedelta(days=policy.stale_after_days)
    pairs = []
    stale = active.filter(
        Q(last_contact_at__lt=stale_cutoff) | Q(last_contact_at__isnull=True, created_at__lt=stale_cutoff)
    )
    for project in stale:
        since = timezone.localtime(project.last_contact_at or project.created_at).date()
        reminder = Reminder(
            Kind.STALE_PROJECT, "project", project.pk, f"since-{since.isoformat()}",
            _("No contact for %(days)d days: %(project)s")
            % {"days": (timezone.localtime(now).date() - since).days, "project": project.name},
            _("Last contact %(date)s.") % {"date": since.isoformat()},
            project.get_absolute_url(), project.owner_team_id,
        )  # fmt: skip
        pairs.append((reminder, [project.owner, _leader(project.owner_team)]))
    for project in active.filter(stage_entered_at__lt=now - timedelta(days=policy.stuck_after_days)):
        entered = timezone.localtime(project.stage_entered_at).date()
        reminder = Reminder(
            Kind.STUCK_STAGE, "project", project.pk, f"{project.stage}-{entered.isoformat()}",
            _("In %(stage)s since %(date)s: %(project)s")
            % {"stage": project.get_stage_display(), "date": entered.isoformat(), "project": project.name},
            "", project.get_absolute_url(), project.owner_team_id,
        )  # fmt: skip
        pairs.append((reminder, [project.owner, _leader(project.owner_team)]))
    return _write(pairs, now)


def sweep_signoffs(*, now: datetime | None = None) -> int:
    """Sign-offs waiting longer than the policy allows, to the people who can decide them."""
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    waiting = StageRequest.objects.filter(
        status=StageRequest.Status.PENDING, requested_at__lt=now - timedelta(days=policy.signoff_after_days)
    ).select_related("project__owner_team__leader")
    directors = list(User.objects.filter(is_active=True, membership__role__in=DIRECTOR_ROLES))
    pairs = []
    for request in waiting:
        deciders = list(directors)
        if rule(request.to_stage).approver == Approver.GROUP_LEADER:
            leader = _leader(request.project.owner_team)
            deciders = [leader] if leader is not None else directors
        deciders = [user for user in deciders if user is not None and user.pk != request.requested_by_id]
        reminder = Reminder(
            Kind.PENDING_SIGNOFF, "stage_request", request.pk, "waiting",
            _("Waiting for your sign-off: %(project)s → %(stage)s")
            % {"project": request.project.name, "stage": request.get_to_stage_display()},
            request.comment, reverse("projects:signoff_inbox"),
        )  # fmt: skip
        pairs.append((reminder, deciders))
    return _write(pairs, now)


def _counts(queryset, field: str) -> dict[int, int]:
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def sweep_digests(*, now: datetime | None = None) -> int:
    """After the digest time: each recruiter's and group leader's day (due today, overdue, yesterday's
    logs), skipped when empty; on the weekly digest day, each director's week (stage moves, new projects,
    decided sign-offs, overdue follow-ups by group)."""
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    local = timezone.localtime(now)
    if local.time() < policy.digest_time:
        return 0
    today, yesterday = local.date(), local.date() - timedelta(days=1)
    open_items = FollowUp.objects.filter(status=FollowUp.Status.OPEN)
    due_today = _counts(open_items.filter(due_date=today), "owner_id")
    overdue = _counts(open_items.filter(due_date__lt=today), "owner_id")
    logged = _counts(ContactLog.objects.filter(is_deleted=False, occurred_at__date=yesterday), "author_id")
    people = User.objects.filter(is_active=True, membership__role__in=Membership.TEAM_ROLES)
    pairs = []
    for user in people:
        numbers = (due_today.get(user.pk, 0), overdue.get(user.pk, 0), logged.get(user.pk, 0))
        if not any(numbers):
            continue
        body = _("Due today: %(due)d · overdue: %(overdue)d · contacts logged yesterday: %(logged)d") % dict(
            zip(("due", "overdue", "logged"), numbers, strict=True)
        )
        reminder = Reminder(
            Kind.DAILY_DIGEST, "user", user.pk, today.isoformat(), _("Your day, %(date)s") % {"date": today},
            body, reverse("activities:my_day"),
        )  # fmt: skip
        pairs.append((reminder, [user]))
    if local.isoweekday() == policy.weekly_digest_weekday:
        week_ago = now - timedelta(days=7)
        moves = ProjectEvent.objects.filter(kind=ProjectEvent.Kind.STAGE_APPROVED, created_at__gte=week_ago).count()
        created = Project.objects.filter(created_at__gte=week_ago).count()
        decided = StageRequest.objects.filter(decided_at__gte=week_ago).count()
        by_group = open_items.filter(due_date__lt=today).order_by().values_list("team__name").annotate(n=Count("pk"))
        overdue_text = ", ".join(f"{name or '—'} {n}" for name, n in sorted(by_group, key=lambda row: row[0] or ""))
        year, week, _weekday = today.isocalendar()
        body = _(
            "Stage moves: %(moves)d · new projects: %(created)d · sign-offs decided: %(decided)d · "
            "overdue follow-ups by group: %(overdue)s"
        ) % {"moves": moves, "created": created, "decided": decided, "overdue": overdue_text or "0"}
        body = "\n".join([body, *filter(None, (section(today) for section in registry.WEEKLY_DIGEST_SECTIONS))])
        directors = User.objects.filter(is_active=True, membership__role__in=DIRECTOR_ROLES)
        for director in directors:
            reminder = Reminder(
                Kind.WEEKLY_DIGEST, "user", director.pk, f"{year}-W{week:02d}",
                _("The center's week to %(date)s") % {"date": today}, body, reverse("projects:project_list"),
            )  # fmt: skip
            pairs.append((reminder, [director]))
    return _write(pairs, now)


def sweep_registered(*, now: datetime | None = None) -> int:
    """The sweeps of the apps above (reminders/registry.py)."""
    now = now or timezone.now()
    return sum(_write(sweep(now), now) for sweep in registry.SWEEPS)


def sweep_all(*, now: datetime | None = None) -> int:
    """Every sweep, in the center's default language (messages are written when the row is)."""
    now = now or timezone.now()
    with override(settings.LANGUAGE_CODE):
        sweeps = (sweep_follow_ups, sweep_projects, sweep_signoffs, sweep_digests, sweep_registered)
        return sum(sweep(now=now) for sweep in sweeps)


def deliveries_due(*, now: datetime | None = None) -> list[int]:
    """Rows waiting to be sent now: new ones, failed ones whose backoff has passed, and ones whose
    sender died (claimed longer ago than the lease)."""
    now = now or timezone.now()
    ready = Q(status=Delivery.Status.PENDING) | Q(status=Delivery.Status.FAILED, next_attempt_at__lte=now)
    ready |= Q(status=Delivery.Status.SENDING, claimed_at__lt=now - LEASE)
    return list(Delivery.objects.filter(ready).order_by("created_at").values_list("pk", flat=True)[:5000])


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take the row for this attempt; False if it is sent, given up, or being sent by someone else."""
    ready = Q(status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED]) | Q(
        status=Delivery.Status.SENDING, claimed_at__lt=now - LEASE
    )
    return bool(
        Delivery.objects.filter(ready, pk=delivery_id).update(
            status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def delivery_send(delivery_id: int, *, now: datetime | None = None) -> str:
    """Send one delivery if it is still waiting. Returns its status afterwards."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return Delivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first() or "missing"
    delivery = Delivery.objects.select_related("recipient", "team").get(pk=delivery_id)
    try:
        with transaction.atomic():
            channels.SENDERS[delivery.channel](delivery)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
            )
        return Delivery.Status.SENT
    except channels.ChannelUnavailable as error:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.GAVE_UP, last_error=str(error))
        return Delivery.Status.GAVE_UP
    except Exception as error:  # noqa: BLE001 — any channel failure is retried later, never blocks the others
        attempts = delivery.attempts
        if attempts >= MAX_ATTEMPTS:
            status, next_at = Delivery.Status.GAVE_UP, None
        else:
            status, next_at = Delivery.Status.FAILED, now + BACKOFF[attempts - 1]
        Delivery.objects.filter(pk=delivery.pk).update(
            status=status, next_attempt_at=next_at, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return status


def notification_mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    notifications = user.notifications.filter(read_at__isnull=True)
    if notification_ids is not None:
        notifications = notifications.filter(pk__in=list(notification_ids))
    return notifications.update(read_at=timezone.now())

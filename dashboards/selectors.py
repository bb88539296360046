"""The dashboard's numbers, each computed in SQL (conditional aggregation), each with the URL of the list
of rows behind it — the list's count is the number shown."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Channel, ContactLog, FollowUp
from activities.selectors import stale_projects
from core.counting import counts, first_rows_and_count
from core.dates import day_start, days_range
from core.reversing import list_url
from crm.models import ConflictClaim
from dashboards.grouped import active_grid, by_channel, total, totals_by
from dashboards.models import Target
from dashboards.scope import (  # noqa: F401 (views and export use them from here)
    Scope,
    active_teams,
    chains,
    dashboard_scope_for_user,
    scope_projects,
)
from projects.models import Project, StageRequest
from projects.stages import LANDED_STAGES, STAGE_ORDER


def _project_list_url(**params) -> str:
    return list_url("projects:project_list", **params)


def target_progress(scope: Scope) -> list[dict]:
    """Each target: the figure, what was done this year, the gap, and the rows behind it."""
    grouped = by_channel(scope)
    done = {
        "signed": total(grouped, "landed"),
        "billion": total(grouped, "landed_billion"),
        "major": total(grouped, "landed_major"),
        "investment": total(grouped, "landed_investment") or Decimal("0"),
    }
    week_start, week_end = _week(scope)
    logs = ContactLog.objects.filter(
        is_deleted=False,
        occurred_at__gte=day_start(week_start),
        occurred_at__lt=day_start(week_end + timedelta(days=1)),
    )
    contacts = (logs.filter(team=scope.team) if scope.team else logs).count()
    target = Target.objects.filter(year=scope.year, team=scope.team).first() or Target(year=scope.year, team=scope.team)
    base = {"signed_year": scope.year, **scope.team_params}
    activity_url = _activity_list_url(
        date_from=week_start.isoformat(), date_to=week_end.isoformat(), **scope.team_params
    )
    rows = [
        ("signed", _("Projects signed"), target.signed_projects, done["signed"], _project_list_url(**base), False),
        ("billion", _("≥10亿 projects landed"), target.billion_projects, done["billion"],
         _project_list_url(**base, size=10), False),
        ("major", _("Provincial major projects landed"), target.provincial_major_projects, done["major"],
         _project_list_url(**base, provincial_major="on"), False),
        ("investment", _("Signed investment"), target.signed_investment, done["investment"],
         _project_list_url(**base), True),
        ("contacts", _("Contacts this week"), target.contacts_per_week, contacts, activity_url, False),
    ]  # fmt: skip
    pipeline = _pipeline_toward_targets(scope)
    return [
        {
            "key": key,
            "label": label,
            "target": goal,
            "done": value,
            "url": url,
            "is_amount": is_amount,
            "gap": max(goal - value, 0),
            "percent": min(int(value * 100 / goal), 100) if goal else None,
            # the amount whose unit (万元 or 亿元) the figure, target and gap share
            "scale": max(goal, value),
            "pipeline": pipeline.get(key, []),
        }  # fmt: skip
        for key, label, goal, value, url, is_amount in rows
    ]


def _pipeline_toward_targets(scope: Scope) -> dict[str, list[dict]]:
    """What could still close each project-count target: active projects not yet signed, by stage
    (all of them; the ≥10亿 ones; the provincial major ones)."""
    open_stages = [stage for stage in STAGE_ORDER if stage not in LANDED_STAGES]
    by_stage = totals_by(active_grid(scope), "stage")
    counts = {
        stage.value: {
            "signed": by_stage[stage.value].get("n", 0),
            "billion": by_stage[stage.value].get("billion", 0),
            "major": by_stage[stage.value].get("major", 0),
        }
        for stage in open_stages
        if stage.value in by_stage
    }
    extra = {"signed": {}, "billion": {"size": 10}, "major": {"provincial_major": "on"}}
    return {
        key: [
            {
                "stage": stage,
                "count": counts[stage.value][key],
                "url": _project_list_url(stage=stage.value, status="active", **params, **scope.team_params),
            }
            for stage in open_stages
            if stage.value in counts and counts[stage.value][key]
        ]
        for key, params in extra.items()
    }


def funnel(scope: Scope) -> list[dict]:
    """Active projects by stage: how many and how much planned investment."""
    by_stage = totals_by(active_grid(scope), "stage")
    return [
        {
            "stage": stage,
            "count": by_stage.get(stage, {}).get("n", 0),
            "investment": by_stage.get(stage, {}).get("investment") or Decimal("0"),
            "url": _project_list_url(stage=stage.value, status="active", **scope.team_params),
        }
        for stage in STAGE_ORDER
    ]


def waiting_decisions(scope: Scope) -> dict:
    requests = StageRequest.objects.filter(status=StageRequest.Status.PENDING)
    claims = ConflictClaim.objects.filter(status=ConflictClaim.Status.PENDING)
    if scope.team:
        requests = requests.filter(project__owner_team=scope.team)
        claims = claims.filter(Q(claimant_team=scope.team) | Q(holder__team=scope.team))
    return counts(signoffs=requests, claims=claims)


def _week(scope: Scope) -> tuple[date, date]:
    start = scope.today - timedelta(days=scope.today.weekday())
    return start, start + timedelta(days=6)


def chain_matrix(scope: Scope) -> list[dict]:
    """Active projects per industry chain × stage."""
    counts: dict = {}
    for row in active_grid(scope):
        if row["chain_id"] is not None:
            key = (row["chain_id"], row["stage"])
            counts[key] = counts.get(key, 0) + row["n"]
    return [
        {
            "chain": chain,
            "cells": [
                {
                    "stage": stage,
                    "count": counts.get((chain.pk, stage.value), 0),
                    "url": _project_list_url(chain=chain.pk, stage=stage.value, status="active", **scope.team_params),
                }
                for stage in STAGE_ORDER
            ],
        }
        for chain in chains(scope)
    ]


def groups_compared(scope: Scope) -> list[dict]:
    """Each group side by side: active projects by stage, signed this year, contacts this week by channel,
    overdue follow-ups. Only for the center view."""
    if scope.team is not None:
        return []
    by_stage: dict = {}
    for row in active_grid(scope):  # the center's: every project
        key = (row["owner_team_id"], row["stage"])
        by_stage[key] = by_stage.get(key, 0) + row["n"]
    signed: dict = {}
    for row in by_channel(scope):
        if row["landed"]:
            signed[row["owner_team_id"]] = signed.get(row["owner_team_id"], 0) + row["landed"]
    week_start, week_end = _week(scope)
    week_from, week_to = days_range(week_start, week_end)
    contacts: dict = {}
    for row in (
        ContactLog.objects.filter(is_deleted=False, occurred_at__gte=week_from, occurred_at__lt=week_to)
        .values("team_id", "channel")
        .annotate(n=Count("pk"))
    ):
        contacts[(row["team_id"], row["channel"])] = row["n"]
    overdue = dict(
        FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_date__lt=scope.today)
        .values_list("team_id")
        .annotate(n=Count("pk"))
    )
    week = {"date_from": week_start.isoformat(), "date_to": week_end.isoformat()}
    rows = []
    for team in active_teams(scope):
        rows.append(
            {
                "team": team,
                "stages": [
                    {"count": by_stage.get((team.pk, s.value), 0),
                     "url": _project_list_url(team=team.pk, stage=s.value, status="active")}
                    for s in STAGE_ORDER
                ],
                "signed": signed.get(team.pk, 0),
                "signed_url": _project_list_url(team=team.pk, signed_year=scope.year),
                "contacts": [
                    {"channel": c, "count": contacts.get((team.pk, c.value), 0),
                     "url": _activity_list_url(team=team.pk, channel=c.value, **week)}
                    for c in Channel
                ],
                "contacts_total": sum(contacts.get((team.pk, c.value), 0) for c in Channel),
                "contacts_url": _activity_list_url(team=team.pk, **week),
                "overdue": overdue.get(team.pk, 0),
                "overdue_url": list_url("activities:follow_up_list", team=team.pk, overdue=1),
            }
        )  # fmt: skip
    return rows


def channel_mix(scope: Scope) -> list[dict]:
    """Projects per recruiting channel and what each produced this year."""
    grouped = by_channel(scope)
    rows = {
        channel: {
            "projects": total(grouped, "projects", channel=channel),
            "landed": total(grouped, "landed", channel=channel),
            "investment": total(grouped, "landed_investment", channel=channel) or Decimal("0"),
        }
        for channel in {row["channel"] for row in grouped}
    }
    return [
        {
            "channel": channel,
            "projects": rows.get(channel.value, {}).get("projects", 0),
            "landed": rows.get(channel.value, {}).get("landed", 0),
            "investment": rows.get(channel.value, {}).get("investment", Decimal("0")),
            "url": _project_list_url(channel=channel.value, **scope.team_params),
            "landed_url": _project_list_url(channel=channel.value, signed_year=scope.year, **scope.team_params),
        }
        for channel in Project.Channel
    ]


def post_signing_rates(scope: Scope) -> dict:
    """What provinces ask for, over the projects signed this year: 履约率 (construction started no later than
    planned), 开工率, 投产率 and 资金到位率 (funds in place ÷ contracted amount)."""
    grouped = by_channel(scope)
    figures = {
        "signed": total(grouped, "landed"),
        "on_schedule": total(grouped, "on_schedule"),
        "started": total(grouped, "started"),
        "producing": total(grouped, "producing"),
        "contracted": total(grouped, "contracted") or Decimal("0"),
        "in_place": total(grouped, "in_place") or Decimal("0"),
    }
    base = {"signed_year": scope.year, **scope.team_params}

    def rate(part, whole):
        return round(Decimal(part) * 100 / Decimal(whole), 1) if whole else None

    return {
        "signed": figures["signed"],
        "signed_url": _project_list_url(**base),
        "rates": [
            {
                "key": "on_schedule",
                "label": _("Started on schedule (履约率)"),
                "count": figures["on_schedule"],
                "percent": rate(figures["on_schedule"], figures["signed"]),
                "url": _project_list_url(**base, on_schedule="on"),
            },
            {
                "key": "started",
                "label": _("Construction started (开工率)"),
                "count": figures["started"],
                "percent": rate(figures["started"], figures["signed"]),
                "url": _project_list_url(**base, reached="construction"),
            },
            {
                "key": "producing",
                "label": _("In production (投产率)"),
                "count": figures["producing"],
                "percent": rate(figures["producing"], figures["signed"]),
                "url": _project_list_url(**base, reached="production"),
            },
        ],  # fmt: skip
        "contracted": figures["contracted"],
        "in_place": figures["in_place"],
        "funds_percent": rate(figures["in_place"], figures["contracted"]),
    }


def _activity_list_url(**params) -> str:
    return list_url("activities:activity_list", **params)


STUCK_DAYS = 60
ATTENTION_SHOWN = 10


def needing_attention(scope: Scope) -> dict:
    """Active projects with no contact for 14+ days and projects in one stage for 60+ days: the count of
    each, the ten longest, and the link to the full list."""
    active = scope_projects(scope).filter(status=Project.Status.ACTIVE).select_related("owner_team")
    # what the cards show of each project
    active = active.only("name", "stage", "last_contact_at", "stage_entered_at", "owner_team__name")
    stale = stale_projects(active)
    stuck = active.filter(stage_entered_at__lt=timezone.now() - timedelta(days=STUCK_DAYS))
    stale_rows, stale_count = first_rows_and_count(
        stale.order_by(F("last_contact_at").asc(nulls_first=True), "pk"), ATTENTION_SHOWN
    )
    stuck_rows, stuck_count = first_rows_and_count(stuck.order_by("stage_entered_at", "pk"), ATTENTION_SHOWN)
    return {
        "stale": stale_rows,
        "stale_count": stale_count,
        "stale_url": list_url("activities:stale_project_list", **scope.team_params),
        "stuck": stuck_rows,
        "stuck_count": stuck_count,
        "stuck_url": _project_list_url(status="active", stage_days=STUCK_DAYS, **scope.team_params),
    }


def personal_stats(user: User, *, today: date | None = None) -> dict:
    """A recruiter's own figures: contacts by channel this week and this month, own active projects by
    stage, and follow-ups done on time this year (done no later than their due day)."""
    today = today or timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    month_start = today.replace(day=1)
    month_from, month_to = days_range(month_start, today)
    logs = ContactLog.objects.filter(
        is_deleted=False, author=user, occurred_at__gte=month_from, occurred_at__lt=month_to
    )
    logged_by_channel = {
        row["channel"]: row
        for row in logs.values("channel").annotate(
            month=Count("pk"), week=Count("pk", filter=Q(occurred_at__gte=day_start(week_start)))
        )
    }
    week = {"member": user.pk, "date_from": week_start.isoformat(), "date_to": today.isoformat()}
    month = {"member": user.pk, "date_from": month_start.isoformat(), "date_to": today.isoformat()}
    stages = dict(
        Project.objects.filter(owner=user, status=Project.Status.ACTIVE).values_list("stage").annotate(n=Count("pk"))
    )
    done = FollowUp.objects.filter(owner=user, status=FollowUp.Status.DONE, done_at__year=today.year).aggregate(
        done=Count("pk"), on_time=Count("pk", filter=Q(done_at__date__lte=F("due_date")))
    )
    follow_ups_url = f"{reverse('activities:follow_up_list')}?"
    return {
        "channels": [
            {
                "channel": channel,
                "week": logged_by_channel.get(channel.value, {}).get("week", 0),
                "month": logged_by_channel.get(channel.value, {}).get("month", 0),
                "week_url": _activity_list_url(channel=channel.value, **week),
                "month_url": _activity_list_url(channel=channel.value, **month),
            }
            for channel in Channel
        ],
        "week_total": sum(row.get("week", 0) for row in logged_by_channel.values()),
        "month_total": sum(row.get("month", 0) for row in logged_by_channel.values()),
        "week_url": _activity_list_url(**week),
        "month_url": _activity_list_url(**month),
        "stages": [
            {
                "stage": stage,
                "count": stages.get(stage.value, 0),
                "url": _project_list_url(owner=user.pk, stage=stage.value, status="active"),
            }
            for stage in STAGE_ORDER
        ],  # fmt: skip
        "done": done["done"],
        "done_on_time": done["on_time"],
        "on_time_percent": round(done["on_time"] * 100 / done["done"]) if done["done"] else None,
        "done_url": follow_ups_url + urlencode({"owner": user.pk, "status": "done", "year": today.year}),
        "on_time_url": follow_ups_url
        + urlencode({"owner": user.pk, "status": "done", "year": today.year, "on_time": 1}),
    }


def conversion(scope: Scope) -> list[dict]:
    """Of the projects created this year, how many got at least as far as each stage, and the share that
    went on from each stage to the next."""
    grouped = by_channel(scope)
    reached = {f"s{index}": total(grouped, f"s{index}") for index in range(len(STAGE_ORDER))}
    rows = []
    for index, stage in enumerate(STAGE_ORDER):
        count = reached[f"s{index}"]
        following = reached.get(f"s{index + 1}")
        rows.append(
            {
                "stage": stage,
                "reached": count,
                "url": _project_list_url(created_year=scope.year, reached_stage=stage.value, **scope.team_params),
                "on_percent": round(following * 100 / count) if count and following is not None else None,
            }
        )
    return rows

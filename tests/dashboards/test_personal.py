"""A recruiter's own figures, hand-computed, each linking to its rows."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from activities.models import ContactLog, FollowUp
from dashboards import selectors
from projects.models import Project
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 26)  # Thursday; the week began Monday 23rd, the month on the 1st


def test_personal_figures(client):
    me = make_member(Membership.Role.RECRUITER, display_name="徐磊")
    colleague = make_member(Membership.Role.RECRUITER, team=me.team)
    project = make_project(me, stage=Stage.NEGOTIATION)
    make_project(me, stage=Stage.NEGOTIATION)
    make_project(me, stage=Stage.LEAD, status=Project.Status.PAUSED, status_reason="暂缓")
    make_project(colleague, stage=Stage.LEAD)

    def log(author, channel, when):
        ContactLog.objects.create(project=project, company=project.company, channel=channel, author=author.user,
                                  team=me.team, summary="x", occurred_at=when.replace(tzinfo=SHANGHAI))  # fmt: skip

    log(me, "video", datetime(2026, 11, 23, 0, 10))  # this week
    log(me, "video", datetime(2026, 11, 22, 23, 50))  # last week, this month
    log(me, "phone", datetime(2026, 11, 1, 0, 5))  # this month
    log(me, "phone", datetime(2026, 10, 31, 23, 55))  # last month
    log(colleague, "phone", datetime(2026, 11, 24, 9, 0))  # not mine

    def follow_up(due: date, done: datetime | None):
        FollowUp.objects.create(title="x", due_date=due, owner=me.user, team=me.team, company=project.company,
                                created_by=me.user, status="done" if done else "open",
                                done_at=done.replace(tzinfo=SHANGHAI) if done else None)  # fmt: skip

    follow_up(date(2026, 5, 10), datetime(2026, 5, 10, 23, 30))  # on the due day: on time
    follow_up(date(2026, 5, 10), datetime(2026, 5, 11, 8, 0))  # a day late
    follow_up(date(2026, 6, 1), datetime(2026, 5, 30, 8, 0))  # early
    follow_up(TODAY + timedelta(days=1), None)  # still open

    stats = selectors.personal_stats(me.user, today=TODAY)
    channels = {row["channel"]: (row["week"], row["month"]) for row in stats["channels"]}
    assert channels["video"] == (1, 2) and channels["phone"] == (0, 1)
    assert (stats["week_total"], stats["month_total"]) == (1, 3)
    assert {row["stage"]: row["count"] for row in stats["stages"]}[Stage.NEGOTIATION] == 2
    assert sum(row["count"] for row in stats["stages"]) == 2  # the paused one is not active
    assert (stats["done"], stats["done_on_time"], stats["on_time_percent"]) == (3, 2, 67)

    client.force_login(me.user)

    def count(url):
        return client.get(url).context["page"].paginator.count

    assert count(stats["week_url"]) == 1 and count(stats["month_url"]) == 3
    for row in stats["channels"]:
        assert (count(row["week_url"]), count(row["month_url"])) == (row["week"], row["month"])
    for row in stats["stages"]:
        assert count(row["url"]) == row["count"]
    assert count(stats["done_url"]) == 3 and count(stats["on_time_url"]) == 2

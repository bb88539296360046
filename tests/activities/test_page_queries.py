"""My day and the project's timeline stay within 12 queries (the issue's target for every page but the
dashboard), with every list of My day filled, and My day's lists and counts are those of the full lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import selectors
from activities.models import ContactLog, FollowUp
from core.dates import day_start
from projects.models import Project
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
MAX_QUERIES = 12


def _fill(people, count=14):
    """More than a list's rows of everything My day shows, for the group of 徐磊 and its leader."""
    today, now = timezone.localdate(), timezone.now()
    midnight = day_start(today)  # the logs are all of today, whatever the time the suite runs at
    xulei, lina, chassis = people["xulei"], people["lina"], people["chassis"]
    for n in range(count):
        for member in (xulei, lina):
            for due in (today - timedelta(days=1 + n % 4), today, today + timedelta(days=1 + n % 7)):
                FollowUp.objects.create(
                    project=chassis, company=chassis.company, owner=member.user, team=member.team,
                    title=f"事项{member.pk}-{n}-{due}", due_date=due, created_by=member.user,
                )  # fmt: skip
            ContactLog.objects.create(
                project=chassis, company=chassis.company, channel="phone", author=member.user, team=member.team,
                occurred_at=now - (now - midnight) * n / count, summary=f"今天第{n}次",
            )  # fmt: skip
            quiet = make_project(member, name=f"冷项目{member.pk}-{n}")
            Project.objects.filter(pk=quiet.pk).update(
                created_at=now - timedelta(days=40), last_contact_at=now - timedelta(days=20 + n)
            )
    FollowUp.objects.create(
        project=chassis, company=chassis.company, owner=xulei.user, team=xulei.team,
        title="两周后", due_date=today + timedelta(days=14), created_by=xulei.user,
    )  # fmt: skip


@pytest.mark.parametrize("person", ["xulei", "leader", "director"])
def test_my_day_takes_at_most_twelve_queries(client, people, person, django_assert_max_num_queries):
    _fill(people)
    client.force_login(people[person].user)
    client.get(reverse("activities:my_day"))  # the session's first request may write it
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("activities:my_day")).status_code == 200


@pytest.mark.parametrize("person", ["xulei", "leader"])
def test_my_day_lists_and_counts_match_the_full_lists(people, person):
    _fill(people)
    user = people[person].user
    day = selectors.my_day(user)
    today = timezone.localdate()
    scope = {"team_id": people[person].team_id} if person == "leader" else {"owner": user}
    open_ = selectors.follow_up_list_for_user(user).filter(status=FollowUp.Status.OPEN, **scope)
    open_ = open_.order_by("due_date", "due_time", "pk")
    expected = {
        "overdue": open_.filter(due_date__lt=today),
        "due_today": open_.filter(due_date=today),
        "upcoming": open_.filter(due_date__gt=today, due_date__lte=today + timedelta(days=7)),
    }
    for key, follow_ups in expected.items():
        assert [f.pk for f in getattr(day, key)] == [f.pk for f in follow_ups[: selectors.MY_DAY_ROWS]], key
        assert day.counts[key] == follow_ups.count(), key
    assert day.counts["logged_today"] == (28 if person == "leader" else 14)
    assert len(day.logged_today) == selectors.MY_DAY_ROWS
    assert day.counts["stale_projects"] == (28 if person == "leader" else 14)
    assert [p.last_contact_at for p in day.stale_projects] == sorted(p.last_contact_at for p in day.stale_projects)


def test_a_leaders_count_of_the_day_is_the_groups_as_the_dashboard_counts_it(people):
    """The group's day counts every live log booked to the group (the dashboard's contacts of a group), a
    member's log on a project the leader does not see included; the list shows only what the leader may see."""
    xulei, leader, liuyang, chassis, glass = (people[k] for k in ("xulei", "leader", "liuyang", "chassis", "glass"))
    glass.collaborators.add(xulei.user)  # 徐磊 works on group two's project; his leader does not see it
    now = timezone.now()

    def log(project, member, **extra):
        return ContactLog.objects.create(
            project=project, company=project.company, channel="phone", author=member.user, team=member.team,
            occurred_at=now, summary="今天", **extra,
        )  # fmt: skip

    shown = log(chassis, xulei)
    on_hidden_project = log(glass, xulei)
    log(chassis, xulei, is_deleted=True)
    log(glass, liuyang)  # group two's
    ContactLog.objects.filter(pk=shown.pk).update(occurred_at=now - timedelta(seconds=1))  # listed second
    day = selectors.my_day(leader.user)
    assert day.counts["logged_today"] == 2
    assert [entry.pk for entry in day.logged_today] == [shown.pk]
    own_day = selectors.my_day(xulei.user)  # his own day lists both
    assert [entry.pk for entry in own_day.logged_today] == [on_hidden_project.pk, shown.pk]
    assert own_day.counts["logged_today"] == 2


def test_my_day_with_nothing_to_show(client, people):
    day = selectors.my_day(people["lina"].user)
    assert day.counts == {"overdue": 0, "due_today": 0, "upcoming": 0, "logged_today": 0, "stale_projects": 0}
    assert not (day.overdue or day.due_today or day.upcoming or day.logged_today or day.stale_projects)


@pytest.mark.parametrize("person", ["xulei", "leader", "director"])
def test_the_project_timeline_takes_at_most_twelve_queries(client, people, person, django_assert_max_num_queries):
    """Its company has a contact on file: the log form reads the company's contacts once, for the check and
    the checkboxes (activities/forms.py)."""
    _fill(people)
    client.force_login(people[person].user)
    url = reverse("activities:project_activity", args=[people["chassis"].pk])
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("今天第") == 28  # every log of the project, whoever wrote it
    assert str(people["liu"]) in html  # the contact is offered

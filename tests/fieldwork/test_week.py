"""The week's plan: groups × days from trips and receptions; the directors' warning below N groups out."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldwork import reception_services
from fieldwork.models import FieldworkPolicy
from fieldwork.week import CELL_ITEMS, parse_week, week_plan
from teams.models import Membership
from tests.factories import make_member
from tests.fieldwork.conftest import approved_trip, plan_trip, today

pytestmark = pytest.mark.django_db
Role = Membership.Role


def monday() -> date:
    return today() - timedelta(days=today().weekday())


def groups_out(center, count: int) -> None:
    """`count` groups with an approved trip starting this Monday (招商四组, 二组, then new groups)."""
    leads = [center["wangshuai"], center["liuyang"]]
    leads += [make_member(Role.RECRUITER) for _ in range(max(0, count - len(leads)))]
    for lead in leads[:count]:
        approved_trip(lead, center["director"], start=monday(), days=2, destinations=f"{lead.display_name}去丽水")


@pytest.mark.parametrize(("out", "warned"), [(2, True), (3, False)])
def test_directors_are_warned_when_fewer_than_three_groups_are_out(client, center, out, warned):
    groups_out(center, out)
    client.force_login(center["director"].user)
    page = client.get(reverse("fieldwork:week")).content.decode()
    assert ('id="groups-out-warning"' in page) is warned
    client.force_login(center["wangshuai"].user)  # recruiters see the plan, not the directors' warning
    assert 'id="groups-out-warning"' not in client.get(reverse("fieldwork:week")).content.decode()


def test_the_threshold_is_the_administrators_setting(center):
    groups_out(center, 1)
    FieldworkPolicy.objects.update_or_create(pk=1, defaults={"min_groups_out": 1})
    assert not week_plan(center["director"].user, monday()).show_warning
    FieldworkPolicy.objects.filter(pk=1).update(min_groups_out=2)
    assert week_plan(center["director"].user, monday()).show_warning


def test_cells_show_where_groups_are_and_whom_they_receive(center):
    next_monday = monday() + timedelta(days=7)
    trip = approved_trip(center["wangshuai"], center["director"], start=next_monday + timedelta(days=1), days=2,
                         destinations="丽水, 衢州")  # fmt: skip
    plan_trip(center["tanxu"], start=next_monday, days=1, destinations="宁波")  # a draft is not on the plan
    reception_services.reception_create(
        actor=center["fengxue"].user, project=center["powder"], visitors="陈总", hosts=[center["fengxue"].user],
        starts_at=timezone.make_aware(datetime.combine(next_monday + timedelta(days=3), time(9, 30))),
    )  # fmt: skip
    row = next(r for r in week_plan(center["liuyang"].user, next_monday).rows if r.team == center["wangshuai"].team)
    texts = [[item.text for item in cell.items] for cell in row.cells]
    assert texts[0] == [] and texts[1] == ["丽水, 衢州"] and texts[2] == ["丽水, 衢州"]
    assert [(item.kind, item.text, f"{item.time:%H:%M}") for item in row.cells[3].items] == [
        ("reception", "粉末冶金汽车零部件项目", "09:30")
    ]
    assert row.cells[1].items[0].url == ""  # 刘洋 of another group sees where, not the trip itself
    own = next(r for r in week_plan(center["tanxu"].user, next_monday).rows if r.team == center["wangshuai"].team)
    assert own.cells[1].items[0].url == trip.get_absolute_url()


def test_a_crowded_cell_shows_a_few_items_and_the_rest_as_a_count(center):
    for n in range(CELL_ITEMS + 2):
        person = make_member(Role.RECRUITER, team=center["wangshuai"].team)
        approved_trip(person, center["director"], start=monday(), days=1, destinations=f"城市{n}")
    row = next(row for row in week_plan(center["director"].user, monday()).rows if row.team == center["wangshuai"].team)
    assert len(row.cells[0].items) == CELL_ITEMS and row.cells[0].more == 2


def test_weeks_are_read_from_the_query_and_bad_ones_mean_this_week():
    assert parse_week("2026-W10") == date(2026, 3, 2)
    this_monday = parse_week(None)
    assert this_monday.weekday() == 0
    for bad in ("2026-W60", "abc", "1900-W01", "2026-W10x" * 1000):
        assert parse_week(bad) == this_monday


def test_the_page_links_the_previous_and_next_week(client, center):
    client.force_login(center["wangshuai"].user)
    page = client.get(reverse("fieldwork:week"), {"week": "2026-W10"}).content.decode()
    assert "?week=2026-W09" in page and "?week=2026-W11" in page and "2026-03-02" in page

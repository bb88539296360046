"""Field work on the dashboard: this week per group, the monthly attendance (days out, visits, receptions),
what the year's trips produced, and the directors' warning when fewer groups are out than the policy asks."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from fieldwork import reception_services, visit_services
from fieldwork.models import FieldworkPolicy
from projects.models import ProjectEvent
from projects.stages import Stage
from tests.fieldwork.conftest import approved_trip, plan_trip

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 18)  # a Wednesday


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


@pytest.fixture
def year_of_field_work(center):
    """招商四组: out 10-30..11-02 and this week (王帅 11-17..11-20 丽水, 冯雪 11-18..11-19 衢州), a visit
    logged on 11-17, a new lead met on 11-18, a delegation received 10-10; 招商二组 only a draft trip."""
    wangshuai, fengxue = center["wangshuai"], center["fengxue"]
    with time_machine.travel(at(date(2026, 10, 1)), tick=False):
        approved_trip(wangshuai, center["director"], start=date(2026, 10, 30), days=4, destinations="温州")
        this_week = approved_trip(wangshuai, center["director"], start=date(2026, 11, 17), days=4, destinations="丽水")
        approved_trip(fengxue, center["director"], start=date(2026, 11, 18), days=2, destinations="衢州")
        plan_trip(center["liuyang"], start=date(2026, 11, 17), days=2, destinations="金华")
        visit = visit_services.planned_visit_add(
            actor=wangshuai.user, trip=this_week, project=center["glass"], date=date(2026, 11, 17)
        )
        reception = reception_services.reception_create(
            actor=center["tanxu"].user, project=center["powder"], visitors="刘振宇, 总经理",
            hosts=[center["tanxu"].user], starts_at=at(date(2026, 10, 10)),
        )  # fmt: skip
    with time_machine.travel(at(date(2026, 10, 10), 15), tick=False):
        reception_services.reception_complete(actor=center["tanxu"].user, reception=reception, summary="看厂房")
    with time_machine.travel(at(date(2026, 11, 17), 16), tick=False):
        visit_services.planned_visit_log(actor=wangshuai.user, visit=visit, channel="visit", summary="与周董面谈")
    with time_machine.travel(at(TODAY, 9), tick=False):
        visit_services.trip_new_lead(actor=wangshuai.user, trip=this_week, company_name="丽水氢能缆车装备有限公司",
                                     name="氢能缆车项目", date=TODAY)  # fmt: skip
        ProjectEvent.objects.create(project=center["glass"], kind=ProjectEvent.Kind.STAGE_APPROVED,
                                    actor=center["director"].user, from_stage=Stage.NEGOTIATION,
                                    to_stage=Stage.SIGNED)  # fmt: skip
    return center


def _figures(client, member, **query):
    client.force_login(member.user)
    with time_machine.travel(at(TODAY, 11), tick=False):
        response = client.get(reverse("dashboards:dashboard"), query)
    assert response.status_code == 200
    return response.context["panels"], response.content.decode()


def _panel(panels, template="fieldwork/_dashboard_panel.html"):
    return next(panel.data for panel in panels if panel.template == template)


def test_the_director_sees_each_groups_week_attendance_and_what_trips_produced(client, year_of_field_work):
    center = year_of_field_work
    panels, html = _figures(client, center["director"])
    data = _panel(panels)
    rows = {row.team: row for row in data["rows"]}
    four, two = rows[center["wangshuai"].team], rows[center["liuyang"].team]
    assert sorted(four.trips) == ["丽水", "衢州"] and two.trips == []  # a draft is not out
    october, november = four.months[9], four.months[10]
    assert (october.days_out, october.visits, october.receptions) == (2, 0, 1)
    # 11-01, 11-02, then 11-17 and 11-18 (冯雪's 11-18 is the same day out; 11-19, 11-20 are still ahead)
    assert (november.days_out, november.visits, november.receptions) == (4, 1, 0)
    assert len(four.months) == 11 and (four.year.days_out, four.year.visits, four.year.receptions) == (6, 1, 1)
    assert (two.year.days_out, two.year.visits, two.year.receptions) == (0, 0, 0)
    produced = data["yield"]
    assert (produced.trips, produced.visits, produced.new_leads, produced.projects_moved) == (3, 1, 1, 1)
    assert 'id="fieldwork-attendance"' in html and "十一月" in html and "6·1·1" in html


def test_a_past_year_has_twelve_months_and_its_own_trips(client, year_of_field_work):
    panels, _html = _figures(client, year_of_field_work["director"], year=2025)
    data = _panel(panels)
    assert len(data["months"]) == 12 and data["yield"].trips == 0
    assert all(row.year.days_out == 0 for row in data["rows"])


def test_a_leader_sees_only_their_group_and_a_recruiter_has_no_field_work_card(client, year_of_field_work):
    center = year_of_field_work
    panels, _html = _figures(client, center["other_leader"])
    assert [row.team for row in _panel(panels)["rows"]] == [center["other_leader"].team]
    assert not any(panel.template == "fieldwork/_dashboard_warning.html" for panel in panels)
    client.force_login(center["wangshuai"].user)
    assert "panels" not in client.get(reverse("dashboards:dashboard")).context


@pytest.mark.parametrize(("minimum", "warned"), [(2, True), (1, False)])
def test_directors_are_warned_below_the_minimum_of_groups_out(client, year_of_field_work, minimum, warned):
    """One group (招商四组) is out this week: warned at a minimum of 2, not at 1. Next week nobody is out,
    which is a warning of its own at either minimum."""
    FieldworkPolicy.objects.update_or_create(pk=1, defaults={"min_groups_out": minimum})
    panels, html = _figures(client, year_of_field_work["director"])
    warning = _panel(panels, "fieldwork/_dashboard_warning.html")
    assert [week["label"] for week in warning["weeks"]] == (["2026-W47", "2026-W48"] if warned else ["2026-W48"])
    assert ("本周仅1个小组外出" in html) is warned and "下周仅0个小组外出" in html
    panels, _html = _figures(client, year_of_field_work["director"], team=year_of_field_work["liuyang"].team.pk)
    assert not any(panel.template == "fieldwork/_dashboard_warning.html" for panel in panels)  # a group's view

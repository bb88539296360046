"""Amounts are shown rounded half-up; classification (≥10亿) and filters keep the exact stored value."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from core.templatetags.juneng import amount
from projects.stages import Stage
from tests.projects.builders import make_project


@pytest.mark.parametrize(
    ("wan", "shown"),
    [
        ("599999", "60.00 亿元"),  # 59.9999亿: truncation showed 59.99
        ("599949", "59.99 亿元"),  # 59.9949亿 rounds down
        ("12345", "1.23 亿元"),
        ("12350", "1.24 亿元"),  # exactly half: up
        ("9.995", "10 万元"),
        ("9.994", "9.99 万元"),
        ("5000", "5000 万元"),
        ("9999.995", "1.00 亿元"),  # rounds into the next unit
        ("0", "0 万元"),
    ],
)
def test_chinese_amounts_round_half_up(wan, shown):
    with translation.override("zh-hans"):
        assert amount(Decimal(wan)) == shown


@pytest.mark.parametrize(
    ("wan", "shown"),
    [
        ("599999", "CNY 6.00 bn"),
        ("0.9995", "CNY 0.01 m"),  # 9,995 CNY
        ("1234.5", "CNY 12.35 m"),
        ("99999.99", "CNY 1.00 bn"),  # 999.9999 m
    ],
)
def test_english_amounts_round_half_up(wan, shown):
    with translation.override("en"):
        assert amount(Decimal(wan)) == shown


def test_missing_amount_is_a_dash():
    assert amount(None) == amount("") == "—"


@pytest.mark.django_db
def test_just_under_ten_yi_shows_rounded_but_is_not_a_ten_yi_project(client, team_people):
    recruiter = team_people["recruiter"]
    almost = make_project(recruiter, stage=Stage.SIGNED, name="差一点项目", planned_investment=Decimal("99999.99"))
    billion = make_project(recruiter, stage=Stage.SIGNED, name="十亿项目", planned_investment=Decimal("100000"))

    assert not almost.is_billion_project and billion.is_billion_project
    client.force_login(recruiter.user)
    page = client.get(reverse("projects:project_list") + "?size=10", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "十亿项目" in page and "差一点项目" not in page
    detail = client.get(almost.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "10.00 亿元" in detail

"""The target cards read right: a card without a target says only 未设目标 (no 目标 0, no 0 万元), and an
amount's figure, target and gap share one unit."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from dashboards import services
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


def _card(html: str, key: str) -> str:
    start = html.index(f'id="done-{key}"')
    # one space for any run of white space; no digit grouping (zh-hans formats 5000, en 5,000)
    return re.sub(r"\s+", " ", html[start : html.index("</div></div>", start)]).replace(",", "")


def _dashboard(client, viewer, **params) -> str:
    client.force_login(viewer.user)
    response = client.get(reverse("dashboards:dashboard"), {"year": 2026, **params}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def small_group(db):
    leader = make_member(Membership.Role.TEAM_LEADER)
    director = make_member(Membership.Role.DIRECTOR)
    make_project(leader, stage=Stage.SIGNED, signed_on=date(2026, 3, 1), planned_investment=Decimal("5000"))
    return {"leader": leader, "director": director}


def test_a_card_without_a_target_says_only_that(client, small_group):
    html = _dashboard(client, small_group["director"])
    for key in ("signed", "billion", "major", "investment", "contacts"):
        card = _card(html, key)
        assert "未设目标" in card, card
        assert "目标 0" not in card and "0 万元" not in card.split("</a>", 1)[1] and "差距" not in card, card
        assert "progressbar" not in card


def test_signed_investment_figure_target_and_gap_share_the_unit(client, small_group):
    services.target_save(actor=small_group["director"].user, year=2026, team=None, signed_projects=4,
                         signed_investment=Decimal("200000"))  # fmt: skip
    card = _card(_dashboard(client, small_group["director"]), "investment")
    # 5,000 万元 done of a 20亿元 target: all three in 亿元
    assert ">0.50 亿元</a>" in card, card
    assert "目标 20.00 亿元" in card and "差距 19.50 亿元" in card, card
    assert "万元" not in card
    signed = _card(_dashboard(client, small_group["director"]), "signed")
    assert "目标 4" in signed and "差距 3" in signed and "未设目标" not in signed


def test_amounts_below_one_yi_stay_in_wan_yuan(client, small_group):
    services.target_save(actor=small_group["director"].user, year=2026, team=None, signed_investment=Decimal("8000"))
    card = _card(_dashboard(client, small_group["director"]), "investment")
    assert ">5000 万元</a>" in card and "目标 8000 万元" in card and "差距 3000 万元" in card, card

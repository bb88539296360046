"""The aftercare pages: the landed-company page shows its open and resolved requests, visits, capital
increases and referrals; a request is opened, taken up and resolved through the forms (bad input answered
with the reason); the dashboard's figures equal the counts of the lists they link to."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from activities import services as activity_services
from aftercare import services
from aftercare.figures import aftercare_panel
from aftercare.models import ServiceRequest
from dashboards.selectors import Scope
from projects.models import Project, ProjectIncrement
from projects.stages import Stage
from tests.aftercare.conftest import at, open_request
from tests.projects.builders import make_company, make_project

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def frozen():
    with time_machine.travel(at(TODAY), tick=False):
        yield


def test_the_landed_company_page_shows_requests_visits_increments_and_referrals(client, center, frozen):
    open_request(center, title="二期招工")
    done = open_request(center, kind="utilities", title="双回路供电")
    services.service_request_resolve(actor=center["huangtao"].user, request=done, resolution="已通电")
    activity_services.contact_log_create(actor=center["huangtao"].user, project=center["project"], channel="visit",
                                         summary="走访恒盛智谷，了解二期用工需求")  # fmt: skip
    ProjectIncrement.objects.create(project=center["project"], amount=Decimal(20000), signed_on=date(2026, 6, 1),
                                    note="二期增资", created_by=center["huangtao"].user)  # fmt: skip
    referred = make_project(center["zhaomin"], stage=Stage.SIGNED, name="天盛振宁项目", referrer=center["company"],
                            channel="referral", contracted_amount=Decimal(30000),
                            signed_on=date(2026, 10, 1))  # fmt: skip
    client.force_login(center["leader"].user)
    page = client.get(reverse("aftercare:company_detail", args=[center["company"].pk])).content.decode()
    assert "二期招工" in page.split('id="open-requests"')[1].split("</ul>")[0]
    assert "双回路供电" in page.split('id="resolved-requests"')[1].split("</ul>")[0]
    assert "走访恒盛智谷" in page and "二期增资" in page
    referrals = page.split('id="company-referrals"')[1]
    assert referred.name in referrals and "3.00 亿元" in referrals  # the contracted 30,000 万元
    assert f"?project={center['project'].pk}" in page.split('id="log-visit"')[1][:200]


def test_the_company_page_links_to_the_landed_company_page_only_when_it_landed(client, center):
    client.force_login(center["liuyang"].user)
    landed = client.get(reverse("crm:company_detail", args=[center["company"].pk])).content.decode()
    assert reverse("aftercare:company_detail", args=[center["company"].pk]) in landed
    pipeline = client.get(reverse("crm:company_detail", args=[center["pipeline"].company_id])).content.decode()
    assert 'id="aftercare-company-link"' not in pipeline


def test_a_request_is_opened_taken_up_and_resolved_through_the_forms(client, center, frozen):
    client.force_login(center["huangtao"].user)
    url = reverse("aftercare:request_create", args=[center["company"].pk])
    data = {"kind": "approval", "title": "环评批复", "responsible": center["zhaomin"].user.pk, "project": "",
            "due_on": ""}  # fmt: skip
    bad = client.post(url, data | {"due_on": "9999-12-31"})
    assert bad.status_code == 400 and ServiceRequest.objects.count() == 0
    response = client.post(url, data)
    request = ServiceRequest.objects.get()
    assert response.url == request.get_absolute_url() and request.due_on == date(2026, 12, 2)
    assert request.responsible == center["zhaomin"].user
    assert client.post(reverse("aftercare:request_start", args=[request.pk])).status_code == 403  # not theirs
    client.force_login(center["zhaomin"].user)  # the person responsible
    assert client.post(reverse("aftercare:request_resolve", args=[request.pk]), {"resolution": " "}).status_code == 400
    client.post(reverse("aftercare:request_start", args=[request.pk]), {"note": "已约环保局"})
    request.refresh_from_db()
    assert request.status == "in_progress"
    client.post(reverse("aftercare:request_resolve", args=[request.pk]), {"resolution": "批复已下达"})
    request.refresh_from_db()
    assert request.status == "resolved" and request.resolution == "批复已下达"
    page = client.get(request.get_absolute_url()).content.decode()
    assert "已约环保局" in page and 'id="resolve-form"' not in page


def test_the_service_levels_page_saves_and_refuses_out_of_range(client, center):
    client.force_login(center["admin"].user)
    days = {"land": 10, "labour": 5, "approval": 3, "finance": 15, "utilities": 5, "other": 5}
    assert client.post(reverse("aftercare:service_levels"), days | {"approval": 0}).status_code == 400
    assert client.post(reverse("aftercare:service_levels"), days).status_code == 302
    from aftercare.models import ServiceLevel

    assert ServiceLevel.days_by_kind() == days


def _count(html: str, element: str) -> int:
    return int(re.search(rf'id="{element}">\D*(\d+)', html).group(1))


def test_the_dashboard_figures_equal_their_drill_down_counts(client, center):
    # open requests of several types and ages, some overdue; resolved ones within and after their due date
    for days_ago, kind in ((1, "labour"), (3, "labour"), (6, "land"), (9, "land"), (12, "approval"), (30, "other")):
        open_request(center, day=TODAY - timedelta(days=days_ago), kind=kind, title=f"诉求{days_ago}")
    for days_ago, late in ((20, False), (40, True), (60, False)):
        request = open_request(center, day=TODAY - timedelta(days=days_ago), kind="finance", title=f"已办{days_ago}")
        resolved_on = request.due_on + timedelta(days=2 if late else -1)
        with time_machine.travel(at(resolved_on), tick=False):
            services.service_request_resolve(actor=center["huangtao"].user, request=request, resolution="已办")
    other_company = make_company("扬州另一家已落户企业有限公司")
    make_project(center["liuyang"], stage=Stage.SIGNED, company=other_company, signed_on=date(2026, 1, 5))
    services.service_request_open(actor=center["director"].user, company=other_company, kind="labour", title="招工",
                                  responsible=center["liuyang"].user)  # fmt: skip
    for n, signed in enumerate((date(2026, 2, 1), date(2026, 9, 1), date(2025, 12, 1))):
        make_project(center["zhaomin"], stage=Stage.SIGNED, referrer=center["company"], channel="referral",
                     signed_on=signed, name=f"引荐{n}")  # fmt: skip
    with time_machine.travel(at(TODAY, 11), tick=False):
        for user, team in ((center["director"], None), (center["leader"], center["leader"].team)):
            panel = aftercare_panel(user.user, Scope(year=2026, team=team))
            client.force_login(user.user)
            figures = [cell for row in panel.data["rows"] for cell in (*row["cells"], row["total"])]
            figures += [panel.data[key] for key in ("open_total", "overdue", "resolved", "within")]
            assert sum(count for count, _url in figures) > 0
            for count, url in figures:
                assert _count(client.get(url).content.decode(), "request-count") == count, url
            referrals, url = panel.data["referrals"]
            assert referrals == 2 and _count(client.get(url).content.decode(), "project-count") == 2
        director = aftercare_panel(center["director"].user, Scope(year=2026))
        assert director.data["open_total"][0] == 7 and director.data["resolved"][0] == 3
        assert director.data["within"][0] == 2 and director.data["within_percent"] == 67
        ages = {row["kind"]: [count for count, _url in row["cells"]] for row in director.data["rows"]}
        assert ages["labour"] == [3, 0, 0]  # 1 and 3 calendar days: under 5 working days; and 刘洋's
        # 6 calendar days back is 4 working days (a weekend between), 9 is 7
        assert ages["land"] == [1, 1, 0] and ages["approval"] == [0, 1, 0] and ages["other"] == [0, 0, 1]
        leader = aftercare_panel(center["leader"].user, Scope(year=2026, team=center["leader"].team))
        assert leader.data["open_total"][0] == 6  # not 刘洋's request


def test_the_dashboard_shows_the_card(client, center, frozen):
    open_request(center)
    client.force_login(center["director"].user)
    page = client.get(reverse("dashboards:dashboard")).content.decode()
    assert 'id="aftercare-figures"' in page and 'id="aftercare-open-total"' in page


def test_an_odd_stored_type_or_status_does_not_break_the_pages(client, center):
    request = open_request(center)
    ServiceRequest.objects.filter(pk=request.pk).update(kind="teleport", status="weird")
    client.force_login(center["director"].user)
    company_url = reverse("aftercare:company_detail", args=[center["company"].pk])
    for url in (request.get_absolute_url(), reverse("aftercare:request_list"), company_url,
                reverse("dashboards:dashboard")):  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_the_request_list_filters(client, center, frozen):
    a = open_request(center, kind="land", title="用地甲", day=TODAY - timedelta(days=20))
    b = open_request(center, kind="labour", title="用工乙", responsible=center["zhaomin"])
    done = open_request(center, title="已办丙", kind="other")
    services.service_request_resolve(actor=center["huangtao"].user, request=done, resolution="已办")
    client.force_login(center["director"].user)
    url = reverse("aftercare:request_list")

    def titles(**query):
        page = client.get(url, query).content.decode()
        return sorted(set(re.findall(r"(用地甲|用工乙|已办丙)", page.split('id="requests"')[1])))

    assert titles(overdue=1) == ["用地甲"] and a.is_overdue
    assert titles(kind="labour") == ["用工乙"]
    assert titles(responsible=center["zhaomin"].user.pk) == ["用工乙"] and b.responsible == center["zhaomin"].user
    assert titles(status="resolved") == ["已办丙"]
    assert titles(status="open_any") == ["用地甲", "用工乙"]
    assert titles(status="nonsense", kind="²") == ["已办丙", "用地甲", "用工乙"]  # bad values ignored
    assert Project.objects.filter(company=center["company"]).count() == 1
    assert timezone.localdate() == TODAY

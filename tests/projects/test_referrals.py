"""Business referrals (以商引商): the referrer's page lists whom it introduced, the referred company names
its referrer, the list filters by referrer, and the referrer picker searches (companies in the park first)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Project
from projects.stages import Stage
from tests.factories import UserFactory
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(team_people, other_group):
    """恒盛智谷 (signed, in the park) introduced 天盛振宁 (signed, 1.5亿 contracted) and a lead of the other
    group; 天盛振宁's project names 恒盛智谷 as its referrer."""
    recruiter = team_people["recruiter"]
    hengsheng = make_company("恒盛智谷产业社区运营有限公司")
    make_project(recruiter, stage=Stage.SIGNED, company=hengsheng, name="恒盛智谷产业园")
    tiansheng = make_company("天盛振宁新材料有限公司")
    landed = make_project(
        recruiter, stage=Stage.SIGNED, company=tiansheng, name="振宁新材料项目",
        channel=Project.Channel.REFERRAL, referrer=hengsheng, contracted_amount=Decimal("15000"),
    )  # fmt: skip
    elsewhere = make_project(
        other_group["recruiter"], company=make_company("远方光电有限公司"), name="远方光电项目",
        channel=Project.Channel.REFERRAL, referrer=hengsheng, contracted_amount=Decimal("999"),
    )  # fmt: skip
    return {"hengsheng": hengsheng, "tiansheng": tiansheng, "landed": landed, "elsewhere": elsewhere}


def _fragment(client, company) -> str:
    response = client.get(reverse("projects:company_referrals", args=[company.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


def test_referrer_page_lists_whom_it_introduced(client, team_people, referral):
    client.force_login(team_people["director"].user)
    page = _fragment(client, referral["hengsheng"])
    table = page.split('id="introduced-table"')[1]
    assert "天盛振宁新材料有限公司" in table and "振宁新材料项目" in table and "签约" in table
    assert "1.50 亿元" in table  # the landed project's contracted amount
    assert "远方光电项目" in table and "999 万元" not in table  # not landed: no landed amount
    assert "恒盛智谷产业园" not in table  # its own project is not an introduction


def test_referred_company_names_its_referrer(client, team_people, referral):
    client.force_login(team_people["recruiter"].user)
    page = _fragment(client, referral["tiansheng"])
    referred_by = page.split('id="referred-by"')[1].split("</ul>")[0]
    assert "恒盛智谷产业社区运营有限公司" in referred_by and referral["hengsheng"].get_absolute_url() in referred_by
    assert 'id="introduced-table"' not in page


def test_company_and_project_pages_load_the_referrals(client, team_people, referral):
    client.force_login(team_people["recruiter"].user)
    url = reverse("projects:company_referrals", args=[referral["hengsheng"].pk])
    company_page = client.get(reverse("crm:company_detail", args=[referral["hengsheng"].pk])).content.decode()
    project = Project.objects.get(name="恒盛智谷产业园")
    project_page = client.get(project.get_absolute_url()).content.decode()
    assert f'hx-get="{url}"' in company_page and f'hx-get="{url}"' in project_page


def test_a_company_without_referrals_renders_no_section(client, team_people):
    client.force_login(team_people["recruiter"].user)
    page = _fragment(client, make_company("独立来访有限公司"))
    assert "<h2" not in page


def test_each_person_sees_only_the_introductions_they_may_see(client, team_people, other_group, referral):
    client.force_login(other_group["leader"].user)
    table = _fragment(client, referral["hengsheng"]).split('id="introduced-table"')[1]
    assert "远方光电项目" in table and "振宁新材料项目" not in table


@pytest.mark.parametrize("name", ["projects:company_referrals", "projects:referrer_autocomplete"])
def test_people_without_a_role_get_nothing(client, referral, name):
    client.force_login(UserFactory())
    args = [referral["hengsheng"].pk] if name == "projects:company_referrals" else []
    response = client.get(reverse(name, args=args), {"q": "恒盛"})
    if name == "projects:company_referrals":
        assert response.status_code == 404
    else:
        assert response.status_code == 200 and "恒盛" not in response.content.decode()


def test_company_referrals_of_an_unknown_company_is_404(client, team_people):
    client.force_login(team_people["director"].user)
    assert client.get(reverse("projects:company_referrals", args=[999999])).status_code == 404


def test_the_referrals_list_is_bounded_and_links_to_the_filtered_list(client, team_people, referral):
    recruiter = team_people["recruiter"]
    client.force_login(team_people["director"].user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _fragment(client, referral["hengsheng"])
        return len(captured)

    for index in range(9):
        make_project(recruiter, name=f"引荐{index}", channel=Project.Channel.REFERRAL, referrer=referral["hengsheng"])
    few = queries()
    for index in range(9, 20):
        make_project(recruiter, name=f"引荐{index}", channel=Project.Channel.REFERRAL, referrer=referral["hengsheng"])
    many = queries()
    assert many <= few + 1  # one count once there is more than a page

    page = _fragment(client, referral["hengsheng"])
    assert page.split('id="introduced-table"')[1].split("</table>")[0].count("<tr>") == 1 + 10
    link = f"{reverse('projects:project_list')}?referrer={referral['hengsheng'].pk}"
    assert f'href="{link}"' in page and "22" in page.split('id="introduced-all"')[1]
    listing = client.get(link)
    assert listing.context["page"].paginator.count == 22
    assert all(p.referrer_id == referral["hengsheng"].pk for p in listing.context["page"].object_list)


def test_a_bad_referrer_filter_is_ignored(client, team_people, referral):
    client.force_login(team_people["director"].user)
    for value in ("abc", "999999"):
        response = client.get(reverse("projects:project_list"), {"referrer": value})
        assert response.status_code == 200
        assert response.context["page"].paginator.count == Project.objects.count()


def _options(client, name, query) -> list[str]:
    from html.parser import HTMLParser

    class Labels(HTMLParser):
        def __init__(self):
            super().__init__()
            self.labels = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "data-autocomplete-option" in attrs:
                self.labels.append(attrs["data-label"])

    response = client.get(reverse(name), {"q": query})
    assert response.status_code == 200
    parser = Labels()
    parser.feed(response.content.decode())
    return parser.labels


def test_referrer_picker_offers_companies_in_the_park_first(client, team_people, referral):
    recruiter = team_people["recruiter"]
    make_company("智谷甲科技有限公司")  # no project at all
    dropped = make_company("智谷乙科技有限公司")
    make_project(recruiter, stage=Stage.SIGNED, company=dropped, status=Project.Status.DROPPED, status_reason="撤资")
    signed = make_company("智谷丙科技有限公司")
    make_project(recruiter, stage=Stage.CONSTRUCTION, company=signed)
    client.force_login(recruiter.user)

    labels = _options(client, "projects:referrer_autocomplete", "智谷")
    assert labels[:2] == ["恒盛智谷产业社区运营有限公司", "智谷丙科技有限公司"]
    assert set(labels[2:]) == {"智谷甲科技有限公司", "智谷乙科技有限公司"}
    # Nothing typed: only the companies in the park.
    assert set(_options(client, "projects:referrer_autocomplete", "")) == {
        "恒盛智谷产业社区运营有限公司", "智谷丙科技有限公司", "天盛振宁新材料有限公司"
    }  # fmt: skip


def test_pickers_answer_at_most_ten_and_match_name_variants(client, team_people):
    for index in range(15):
        make_company(f"扬州{index:02d}号精密机械有限公司")
    make_company("扬州（中国）汽车部件有限公司", credit_code="91321000MA1MXXXX0A")
    client.force_login(team_people["recruiter"].user)
    assert len(_options(client, "projects:referrer_autocomplete", "精密机械")) == 10
    assert len(_options(client, "crm:company_autocomplete", "精密机械")) == 10
    assert _options(client, "crm:company_autocomplete", "扬州(中国)汽车部件") == ["扬州（中国）汽车部件有限公司"]
    assert _options(client, "crm:company_autocomplete", "91321000ma1m") == ["扬州（中国）汽车部件有限公司"]
    assert _options(client, "crm:company_autocomplete", "不存在的公司") == []


def test_the_project_form_referrer_is_a_search_box(client, team_people, referral):
    client.force_login(team_people["recruiter"].user)
    page = client.get(reverse("projects:project_edit", args=[referral["landed"].pk])).content.decode()
    assert '<select name="referrer"' not in page
    assert f'data-url="{reverse("projects:referrer_autocomplete")}"' in page
    assert 'value="恒盛智谷产业社区运营有限公司"' in page  # the chosen referrer's name, not every company
    create = client.get(reverse("projects:project_create")).content.decode()
    assert "天盛振宁新材料有限公司" not in create

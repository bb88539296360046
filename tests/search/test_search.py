"""The global search finds by a Chinese substring across projects, companies, contacts and log summaries,
only what the person may see (a recruiter: no other group's project, contact or log, but every company's
basics), in the same number of queries at ten times the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import ContactLog
from crm.models import Contact
from search.selectors import global_search
from teams.models import Membership
from tests.factories import ContactFactory, RegistrationFactory, make_member
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def center():
    own = make_member(Role.RECRUITER, display_name="王帅")
    other = make_member(Role.RECRUITER, display_name="刘洋")
    ours = make_company("浙江智驰汽车科技有限公司", credit_code="")
    theirs = make_company("江苏智驰精密部件有限公司")
    own_project = make_project(own, name="智驰底盘项目", company=ours)
    other_project = make_project(other, name="智驰精密轴承项目", company=theirs)
    RegistrationFactory(company=ours, team=own.team, registered_by=own.user)
    RegistrationFactory(company=theirs, team=other.team, registered_by=other.user)
    ContactFactory(company=ours, name="刘振宇", phone="13905710001", wechat_id="liuzy_zhichi")
    ContactFactory(company=theirs, name="刘智勇", phone="13905710002", wechat_id="liuzhiyong")
    for project, author, text in (
        (own_project, own, "与刘总视频，智驰底盘样件"),
        (other_project, other, "智驰轴承报价"),
    ):
        ContactLog.objects.create(project=project, company=project.company, channel="video", summary=text,
                                  author=author.user, team=author.team, occurred_at=timezone.now())  # fmt: skip
    return own, other


def _names(results) -> dict[str, set[str]]:
    label = {"projects": "name", "companies": "name", "contacts": "name", "logs": "summary"}
    return {group.kind: {getattr(item, label[group.kind]) for item in group.items} for group in results.groups}


def test_a_recruiter_finds_their_own_and_every_companys_basics_only(center):
    own, _other = center
    found = _names(global_search(own.user, "智驰"))
    assert found["projects"] == {"智驰底盘项目"}
    assert found["companies"] == {"浙江智驰汽车科技有限公司", "江苏智驰精密部件有限公司"}  # basics: all
    assert found["logs"] == {"与刘总视频，智驰底盘样件"}
    assert global_search(own.user, "刘").groups == []  # one character is too short
    assert _names(global_search(own.user, "刘振"))["contacts"] == {"刘振宇"}
    assert _names(global_search(own.user, "刘智"))["contacts"] == set()  # the other group's contact
    assert _names(global_search(own.user, "liuzhi"))["contacts"] == set()
    assert _names(global_search(own.user, "0571-0001"))["contacts"] == {"刘振宇"}  # phone digits


def test_the_director_finds_everything(center):
    director = make_member(Role.DIRECTOR)
    found = _names(global_search(director.user, "智驰"))
    assert found["projects"] == {"智驰底盘项目", "智驰精密轴承项目"} and len(found["logs"]) == 2
    assert _names(global_search(director.user, "LIUZ"))["contacts"] == {"刘振宇", "刘智勇"}  # any case


def test_the_dialog_and_the_page(client, center):
    own, _other = center
    client.force_login(own.user)
    dialog = client.get(reverse("search:search"), {"q": "智驰底盘"}, HTTP_HX_REQUEST="true").content.decode()
    assert dialog.startswith('<div id="search-results"') and "智驰底盘项目" in dialog and "<html" not in dialog
    page = client.get(reverse("search:search"), {"q": "智驰"}).content.decode()
    assert "<html" in page and "浙江智驰汽车科技有限公司" in page and "智驰精密轴承项目" not in page
    nothing = client.get(reverse("search:search"), {"q": "不存在的名字"}).content.decode()
    assert "没有您可以查看的内容与“不存在的名字”匹配" in nothing
    # odd input never breaks the page
    assert client.get(reverse("search:search"), {"q": "\x00' OR 1=1 --" * 20}).status_code == 200


def test_no_role_no_search(client, center):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("search:search"), {"q": "智驰"}).status_code == 403


def _queries(user, query: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        global_search(user, query)
    return len(captured)


def test_the_query_count_does_not_grow_with_the_data(center):
    own, other = center
    before = _queries(own.user, "智驰"), _queries(make_member(Role.DIRECTOR).user, "智驰")
    for n in range(10):
        company = make_company(f"智驰第{n}分公司")
        project = make_project(own if n % 2 else other, name=f"智驰扩产{n}期", company=company)
        RegistrationFactory(company=company, team=project.owner_team)
        ContactFactory(company=company, name=f"智驰联系人{n}")
    after = _queries(own.user, "智驰"), _queries(make_member(Role.DIRECTOR).user, "智驰")
    assert before == after
    assert all(len(group.items) <= 5 for group in global_search(own.user, "智驰").groups)
    assert any(group.more for group in global_search(own.user, "智驰").groups)


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Contact.objects.filter(name__icontains="刘振宇"),
         "search_contact_name_trgm"),
        (lambda: Contact.objects.filter(wechat_id__icontains="liuzy"),
         "search_contact_wechat_trgm"),
        (lambda: Contact.objects.filter(phone__contains="0571"),
         "search_contact_phone_trgm"),
        (lambda: ContactLog.objects.filter(summary__icontains="底盘样件"), "search_contactlog_summary_trgm"),
    ],
)  # fmt: skip
def test_the_searched_columns_can_use_their_trigram_index(center, queryset, index):
    """The planner can serve each lookup the search writes from this app's indexes (PostgreSQL only)."""
    from tests.conftest import require_service

    require_service(connection.vendor == "postgresql", "trigram indexes exist on PostgreSQL only (CI runs it)")
    sql, params = queryset().order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan

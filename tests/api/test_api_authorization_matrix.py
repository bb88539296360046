"""Every API endpoint × every role × own group / other group, with each role's read-and-write token: GET and
the writes answer as the pages do (teams/access_table.py holds the pages' rows; where an endpoint has a page
equivalent, the two are compared here), and what lists contain is what the list pages show.

One character per role in ROLES: "+" done (2xx), "0" a field error (400), "3" refused (403), "4" not visible
(404). The objects belong to group A ("own"); group B is "other". Each request runs in a savepoint that is
rolled back, so a write does not change what the next role sees."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from activities import services as activity_services
from api.services import token_create, token_revoke
from crm.models import Contact, Registration
from projects.models import StageRequest
from projects.stages import Stage
from teams.access_table import ACCESS
from teams.access_table import ROLES as PAGE_ROLES
from teams.models import Membership
from tests.api.builders import make_building, make_reception, make_trip
from tests.core.test_login_required import ALL_ROUTES
from tests.factories import UserFactory, make_member
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role
ROLES = ("recruiter_own", "recruiter_other", "leader_own", "leader_other", "deputy", "director", "admin", "norole")
assert ROLES == PAGE_ROLES  # the same columns as the pages' table


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def world():
    leader_a, leader_b = make_member(Role.TEAM_LEADER), make_member(Role.TEAM_LEADER)
    people = {
        "recruiter_own": make_member(Role.RECRUITER, team=leader_a.team),
        "recruiter_other": make_member(Role.RECRUITER, team=leader_b.team),
        "leader_own": leader_a, "leader_other": leader_b,
        "deputy": make_member(Role.DEPUTY_DIRECTOR), "director": make_member(Role.DIRECTOR),
        "admin": make_member(Role.ADMIN),
    }  # fmt: skip
    recruiter = people["recruiter_own"]
    company = make_company("浙江智驰汽车科技有限公司", created_by=recruiter.user)
    Registration.objects.create(
        company=company, team=leader_a.team, registered_by=recruiter.user, registered_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=180),
    )  # fmt: skip
    contact = Contact.objects.create(company=company, name="刘振宇", title="总经理", phone="13905710001")
    project = make_project(recruiter, stage=Stage.NEGOTIATION, company=company, name="智能底盘项目")
    waiting = make_project(recruiter, stage=Stage.NEGOTIATION, company=company, name="储能电池项目")
    stage_request = StageRequest.objects.create(
        project=waiting, from_stage=Stage.NEGOTIATION, to_stage=Stage.SITE_VISIT, comment="请审批",
        requested_by=recruiter.user,
    )  # fmt: skip
    log = activity_services.contact_log_create(actor=recruiter.user, project=project, channel="video", summary="洽谈")
    follow_up = activity_services.follow_up_create(
        actor=recruiter.user, project=project, title="回访", due_date=timezone.localdate()
    )
    objects = {"project": project, "company": company, "contact": contact, "stage_request": stage_request,
               "log": log, "follow_up": follow_up, "trip": make_trip(recruiter, project),
               "reception": make_reception(recruiter, project), "building": make_building(people["admin"])}  # fmt: skip
    tokens = {
        role: token_create(user=member.user, name="脚本", scope="write", days=9)[1] for role, member in people.items()
    }
    tokens["norole"] = token_create(user=UserFactory(), name="脚本", scope="write", days=9)[1]
    return people, objects, tokens


# name, method, path (filled from the objects), body, expected, the page (route, method) it must agree with
ENDPOINTS = [
    ("api:project_list", "get", "/api/v1/projects/", None, "+++++++3", ("projects:project_list", "get")),
    ("api:project_detail", "get", "/api/v1/projects/{project}/", None, "+4+4+++3", ("projects:project_detail", "get")),
    ("api:project_detail", "patch", "/api/v1/projects/{project}/", {"name": "智能底盘二期", "version": "{version}"},
     "+4+4++33", ("projects:project_edit", "post")),
    ("api:project_stage_request", "post", "/api/v1/projects/{project}/stage-requests/",
     {"to_stage": Stage.SITE_VISIT, "comment": "已确认考察"}, "+4+4++33", ("projects:project_request_stage", "post")),
    ("api:stage_request_list", "get", "/api/v1/stage-requests/", None, "+++++++3", ("projects:signoff_inbox", "get")),
    ("api:stage_request_decide", "post", "/api/v1/stage-requests/{stage_request}/decide/",
     {"approve": True, "comment": "同意"}, "34+4++33", ("projects:stage_request_decide", "post")),
    ("api:company_list", "get", "/api/v1/companies/", None, "+++++++3", ("crm:company_list", "get")),
    ("api:company_detail", "get", "/api/v1/companies/{company}/", None, "+++++++3", ("crm:company_detail", "get")),
    ("api:company_contact_list", "get", "/api/v1/companies/{company}/contacts/", None, "+3+3+++3",
     ("crm:contact_create", "get")),
    ("api:company_contact_list", "post", "/api/v1/companies/{company}/contacts/", {"name": "王芳", "title": "财务总监"},
     "+3+3+++3", ("crm:contact_create", "post")),
    ("api:contact_detail", "get", "/api/v1/contacts/{contact}/", None, "+4+4+++3", ("crm:contact_edit", "get")),
    ("api:contact_detail", "patch", "/api/v1/contacts/{contact}/", {"title": "董事长"}, "+4+4+++3",
     ("crm:contact_edit", "post")),
    ("api:contact_log_list", "get", "/api/v1/contact-logs/", None, "+++++++3", ("activities:activity_list", "get")),
    # The log form offers only the projects one may see: another group's project is a field error there and here
    # (no page takes a project id in its URL for this form); administrators do not log contacts.
    ("api:contact_log_list", "post", "/api/v1/contact-logs/", {"project": "{project}", "channel": "video",
     "summary": "视频洽谈"}, "+0+0++33", None),
    ("api:follow_up_list", "get", "/api/v1/follow-ups/", None, "+++++++3", ("activities:follow_up_list", "get")),
    ("api:trip_list", "get", "/api/v1/trips/", None, "+++++++3", ("fieldwork:trip_list", "get")),
    ("api:trip_detail", "get", "/api/v1/trips/{trip}/", None, "+4+4+++3", ("fieldwork:trip_detail", "get")),
    ("api:reception_list", "get", "/api/v1/receptions/", None, "+++++++3", ("fieldwork:reception_list", "get")),
    ("api:reception_detail", "get", "/api/v1/receptions/{reception}/", None, "+4+4+++3",
     ("fieldwork:reception_detail", "get")),
    ("api:building_list", "get", "/api/v1/buildings/", None, "+++++++3", ("premises:building_list", "get")),
    ("api:building_detail", "get", "/api/v1/buildings/{building}/", None, "+++++++3",
     ("premises:building_detail", "get")),
    ("api:schema", "get", "/api/schema/", None, "+++++++3", None),
]  # fmt: skip
# Not here: api:docs, api:token_list and api:token_revoke are pages (session only), in the pages' matrix.
NOT_API_ENDPOINTS = {"api:docs", "api:token_list", "api:token_revoke"}
# The API refuses a login without a role (403) where some list pages answer with an empty page.
API_REFUSES_NOROLE = {"projects:project_list", "projects:signoff_inbox", "crm:company_list", "activities:activity_list",
                      "activities:follow_up_list", "fieldwork:trip_list", "fieldwork:reception_list"}  # fmt: skip

CODES = {400: "0", 403: "3", 404: "4"}


def _fill(value, objects: dict):
    if isinstance(value, dict):
        return {key: _fill(item, objects) for key, item in value.items()}
    if value == "{version}":
        return objects["project"].version
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return objects[value[1:-1]].pk
    return value


def _call(client: Client, method: str, url: str, body) -> int:
    with transaction.atomic():
        if body is None:
            response = getattr(client, method)(url)
        else:
            response = getattr(client, method)(url, body, content_type="application/json")
        transaction.set_rollback(True)
    assert response.status_code < 500, f"{method.upper()} {url}: {response.status_code}"
    return response.status_code


def _outcome(status: int) -> str:
    return "+" if 200 <= status < 300 else CODES.get(status, str(status))


def test_every_api_endpoint_is_in_the_matrix():
    routes = {name for name, _route in ALL_ROUTES if name.startswith("api:")}
    assert routes - NOT_API_ENDPOINTS == {name for name, *_rest in ENDPOINTS}


@pytest.mark.parametrize(("name", "method", "path", "body", "expected", "page"), ENDPOINTS,
                         ids=[f"{e[0]}-{e[1]}" for e in ENDPOINTS])  # fmt: skip
def test_endpoint_answers_each_role_as_the_page(world, name, method, path, body, expected, page):
    _people, objects, tokens = world
    url = path.format(**{key: getattr(value, "pk", value) for key, value in objects.items()})
    seen = ""
    for role in ROLES:
        client = Client(headers={"authorization": f"Bearer {tokens[role]}"}, raise_request_exception=False)
        seen += _outcome(_call(client, method, url, _fill(body, objects)))
    assert seen == expected, f"{method.upper()} {name}: {seen}"
    if page is not None:
        page_row = ACCESS[page[0]][0 if page[1] == "get" else 1]
        collapsed = "".join("-" if char in "34" else "+" for char in seen)
        if page[0] in API_REFUSES_NOROLE:
            page_row = page_row[:-1] + "-"
        assert collapsed == page_row, f"{name} {method}: API {collapsed}, page {page[0]} {page_row}"


LISTED = [  # whether the own group's object is in the list: as on the list pages
    ("/api/v1/projects/", "project", "+-+-+++-"),
    ("/api/v1/contact-logs/", "log", "+-+-+++-"),
    ("/api/v1/follow-ups/", "follow_up", "+-+-+++-"),
    ("/api/v1/stage-requests/", "stage_request", "--+-++--"),  # the sign-off inbox: who may decide it
    ("/api/v1/companies/", "company", "+++++++-"),
    ("/api/v1/trips/", "trip", "+-+-+++-"),
    ("/api/v1/receptions/", "reception", "+-+-+++-"),
    ("/api/v1/buildings/", "building", "+++++++-"),
]


@pytest.mark.parametrize(("url", "key", "expected"), LISTED)
def test_lists_hold_what_the_list_pages_show(world, url, key, expected):
    _people, objects, tokens = world
    seen = ""
    for role in ROLES:
        response = Client(headers={"authorization": f"Bearer {tokens[role]}"}).get(url, {"page_size": 100})
        ids = [row["id"] for row in response.json()["results"]] if response.status_code == 200 else []
        seen += "+" if objects[key].pk in ids else "-"
    assert seen == expected, f"{url}: {seen}"


def test_a_revoked_token_answers_401_and_a_read_only_token_403_on_every_endpoint(world):
    people, objects, _tokens = world
    member = people["director"]
    revoked, revoked_raw = token_create(user=member.user, name="旧", scope="write", days=9)
    token_revoke(user=member.user, token_id=revoked.pk)
    read_only = Client(
        headers={"authorization": f"Bearer {token_create(user=member.user, name='读', scope='read', days=9)[1]}"}
    )
    gone = Client(headers={"authorization": f"Bearer {revoked_raw}"})
    for _name, method, path, body, _expected, _page in ENDPOINTS:
        url = path.format(**{key: getattr(value, "pk", value) for key, value in objects.items()})
        assert _call(gone, method, url, _fill(body, objects)) == 401, f"{method} {url}"
        status = _call(read_only, method, url, _fill(body, objects))
        if method == "get":
            assert status == 200, f"{method} {url}: {status}"
        else:
            assert status == 403, f"a read-only token wrote: {method} {url} answered {status}"

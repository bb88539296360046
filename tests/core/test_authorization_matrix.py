"""Every route × every role × GET and POST answers as teams/access_table.py says: the policy modules'
outcome written once, in one table. A route without a row fails the test, so a new page cannot ship
without saying who may use it.

The objects in the URLs belong to group A: its recruiter and leader are "own", group B's are "other".
Each request runs in a savepoint that is rolled back, so a POST that deletes or moves something does not
change what the next role sees. Print the table as the code behaves with JUNENG_PRINT_ACCESS=1."""

import os
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from activities import services as activity_services
from api.services import token_create
from calendars import services as calendar_services
from crm.models import ConflictClaim, Contact, Registration
from projects.models import IndustryChain, StageRequest
from projects.stages import Stage
from reminders.models import Notification
from teams.access_table import ACCESS, OBJECT_OF_ROUTE, ROLES
from teams.models import Membership
from tests.core.test_login_required import ALL_ROUTES
from tests.factories import UserFactory, make_member
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    leader_a = make_member(Role.TEAM_LEADER, display_name="周建国")
    leader_b = make_member(Role.TEAM_LEADER, display_name="孙浩")
    people = {
        "recruiter_own": make_member(Role.RECRUITER, team=leader_a.team, display_name="徐磊"),
        "recruiter_other": make_member(Role.RECRUITER, team=leader_b.team, display_name="刘洋"),
        "leader_own": leader_a,
        "leader_other": leader_b,
        "deputy": make_member(Role.DEPUTY_DIRECTOR, display_name="谢树人"),
        "director": make_member(Role.DIRECTOR, display_name="马翔"),
        "admin": make_member(Role.ADMIN, display_name="陈静"),
    }
    recruiter = people["recruiter_own"]
    company = make_company("浙江智驰汽车科技有限公司", created_by=recruiter.user)
    contact = Contact.objects.create(company=company, name="刘振宇", title="总经理", phone="13905710001")
    project = make_project(recruiter, stage=Stage.NEGOTIATION, company=company, name="智能底盘项目")
    registration = Registration.objects.create(
        company=company, team=leader_a.team, registered_by=recruiter.user, registered_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=180),
    )  # fmt: skip
    log = activity_services.contact_log_create(
        actor=recruiter.user, project=project, channel="video", summary="视频洽谈",
        attachments=[SimpleUploadedFile("纪要.pdf", PDF)],
    )  # fmt: skip
    follow_up = activity_services.follow_up_create(
        actor=recruiter.user, project=project, title="回访", due_date=timezone.localdate()
    )
    objects = _fieldwork_objects(people, project) | _premises_objects(people, project) | _aftercare_objects(people)
    objects |= _chainmap_objects(people) | _import_objects(people) | _supervision_objects(people, project)
    objects |= {
        "project": project.pk, "company": company.pk, "contact": contact.pk, "log": log.pk,
        "attachment": log.attachments.get().pk, "follow_up": follow_up.pk, "team": leader_a.team_id,
        "member": recruiter.pk, "year": timezone.localdate().year,
        "stage_request": StageRequest.objects.create(
            project=project, from_stage=Stage.NEGOTIATION, to_stage=Stage.SITE_VISIT, comment="请审批",
            requested_by=recruiter.user,
        ).pk,
        "claim": ConflictClaim.objects.create(
            company=company, holder=registration, claimant_team=leader_b.team,
            claimed_by=people["recruiter_other"].user, reason="我们先接触",
        ).pk,
        "chain": IndustryChain.objects.first().pk if IndustryChain.objects.exists()
        else IndustryChain.objects.create(name="高端装备").pk,
        "notification": Notification.objects.create(recipient=recruiter.user, kind="due", title="提醒").pk,
        "api_token": token_create(user=people["admin"].user, name="脚本", scope="read", days=30)[0].pk,
        # the own recruiter's feed token: the feed answers whoever holds it, signed in or not
        "feed_token": calendar_services.feed_create(actor=recruiter.user),
    }  # fmt: skip
    people["norole"] = UserFactory()  # a login without a place in the center
    return people, objects


def _fieldwork_objects(people: dict, project) -> dict:
    """Group A's trips in each state (led by its recruiter), a visit on the one under way, a reception."""
    from fieldwork import reception_services
    from fieldwork import services as fieldwork_services
    from fieldwork import visit_services as fieldwork_visit_services

    recruiter, director, today = people["recruiter_own"].user, people["director"].user, timezone.localdate()

    def trip(start: int, days: int):
        return fieldwork_services.trip_create(
            actor=recruiter, destinations="丽水", purpose="拜访", start_date=today + timedelta(days=start),
            end_date=today + timedelta(days=start + days - 1),
        )  # fmt: skip

    under_way, submitted, draft = trip(0, 2), trip(20, 2), trip(40, 3)
    visit = fieldwork_visit_services.planned_visit_add(actor=recruiter, trip=under_way, project=project, date=today)
    for planned in (under_way, submitted):
        fieldwork_services.trip_submit(actor=recruiter, trip=planned)
    fieldwork_services.trip_approve(actor=director, trip=under_way)
    reception = reception_services.reception_create(
        actor=recruiter, project=project, visitors="刘振宇, 总经理", hosts=[recruiter],
        starts_at=timezone.now() + timedelta(days=10),
    )  # fmt: skip
    return {"trip": under_way.pk, "trip_submitted": submitted.pk, "trip_draft": draft.pk, "visit": visit.pk,
            "reception": reception.pk}  # fmt: skip


def _premises_objects(people: dict, project) -> dict:
    """A vacant building, and another reserved by group A's recruiter for its project."""
    from premises import services as premises_services
    from premises.models import Building

    def building(name: str) -> Building:
        return Building.objects.create(name=name, floor_area_m2=4300, ceiling_height_m=10, structure="steel",
                                       created_by=people["admin"].user)  # fmt: skip

    from django.core.files.base import ContentFile

    from premises.models import BuildingFile, LandPlot

    vacant, held = building("园区三号厂房"), building("园区九号厂房")
    reservation = premises_services.reserve(actor=people["recruiter_own"].user, building=held, project=project,
                                            expires_on=timezone.localdate() + timedelta(days=30))  # fmt: skip
    plan = BuildingFile.objects.create(building=vacant, kind="plan", original_name="平面图.pdf", size=9,
                                       content_type="application/pdf", uploaded_by=people["admin"].user,
                                       file=ContentFile(b"%PDF-1.7\n%%EOF", name="plan.pdf"))  # fmt: skip
    plot = LandPlot.objects.create(name="纬四路工业地块", area_mu=45, created_by=people["admin"].user)
    return {"building": vacant.pk, "reservation": reservation.pk, "building_file": plan.pk, "land_plot": plot.pk,
            "editor": people["recruiter_own"].user_id}  # fmt: skip


def _aftercare_objects(people: dict) -> dict:
    """A company of group A that landed (its recruiter's project signed), with a request that recruiter is
    responsible for."""
    from aftercare import services as aftercare_services

    recruiter = people["recruiter_own"]
    company = make_company("扬州恒盛智谷产业社区运营有限公司", created_by=recruiter.user)
    make_project(recruiter, stage=Stage.SIGNED, company=company, name="恒盛智谷产业社区项目")
    request = aftercare_services.service_request_open(actor=recruiter.user, company=company, kind="labour",
                                                      title="招工", responsible=recruiter.user)  # fmt: skip
    return {"landed_company": company.pk, "service_request": request.pk}


def _chainmap_objects(people: dict) -> dict:
    """A chain link of the first chain, and a target in it not yet turned into a project."""
    from chainmap import services as chainmap_services
    from projects.models import ChainLink

    chain = IndustryChain.objects.first() or IndustryChain.objects.create(name="高端装备")
    link = ChainLink.objects.create(chain=chain, name="工业软件与控制系统", segment="upstream")
    target = chainmap_services.target_create(actor=people["director"].user, link=link, name="浙江中控技术股份有限公司")
    return {"chain_link": link.pk, "target": target.pk}


def _supervision_objects(people: dict, project) -> dict:
    """A 督办 on group A's project, issued by the director to its owner (group A's recruiter)."""
    from supervision import services as supervision_services

    order = supervision_services.order_issue(actor=people["director"].user, project=project, required="落实供地",
                                             due_on=timezone.localdate() + timedelta(days=10),
                                             responsible=people["recruiter_own"].user)  # fmt: skip
    return {"supervision_order": order.pk}


def _import_objects(people: dict) -> dict:
    """A company ledger uploaded and checked by group A's recruiter, waiting for confirmation."""
    from imports import services as import_services

    upload = SimpleUploadedFile("台账.csv", "企业名称,城市\n宁波甬江新材料有限公司,宁波\n".encode("gbk"))
    run = import_services.import_start(actor=people["recruiter_own"].user, kind="companies", upload=upload)
    import_services.import_preview(run_id=run.pk)
    return {"import_run": run.pk, "import_kind": "companies"}


def _url(name: str, route: str, objects: dict) -> str:
    parameters = re.findall(r"<(?:\w+:)?(\w+)>", route)
    return reverse(name, kwargs={parameter: objects[OBJECT_OF_ROUTE[name]] for parameter in parameters})


def _outcome(client: Client, method: str, url: str) -> str:
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    assert response.status_code < 500, f"{method.upper()} {url} answered {response.status_code}"
    return {403: "-", 404: "-", 405: "."}.get(response.status_code, "+")


ROUTES = sorted((name, route) for name, route in ALL_ROUTES if name not in ("login", "logout", "set_language"))


def test_every_route_has_a_row_and_every_row_a_route():
    names = {name for name, _ in ROUTES}
    assert names - set(ACCESS) == set(), "add these routes to teams/access_table.py"
    assert set(ACCESS) - names == set(), "these rows name routes that no longer exist"
    with_objects = {name for name, route in ROUTES if "<" in route}
    assert with_objects - set(OBJECT_OF_ROUTE) == set(), "say which object fills their URL in OBJECT_OF_ROUTE"


@pytest.mark.parametrize(("name", "route"), ROUTES)
def test_route_answers_each_role_as_the_table_says(world, name, route):
    people, objects = world
    url = _url(name, route, objects)
    seen = {"get": "", "post": ""}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        user = people[role] if role == "norole" else people[role].user
        client.force_login(user)
        for method in seen:
            seen[method] += _outcome(client, method, url)
    if os.environ.get("JUNENG_PRINT_ACCESS"):
        print(f'\n    "{name}": ("{seen["get"]}", "{seen["post"]}"),', end="")
    assert (seen["get"], seen["post"]) == ACCESS.get(name), f"{name}: GET {seen['get']} POST {seen['post']}"

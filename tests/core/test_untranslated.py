"""Chinese UI, no English showing through: every GET page of the URL resolver, rendered in zh-hans for a
director, a group leader and an administrator over the demo center, has none of the fragments that
betray an untranslated string (Django's "- Select an option -" and "---------", "2 months ago",
English month names, a raw None/True/False, an English yes/no)."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import get_resolver, reverse
from django.utils import timezone

from activities.models import ContactLog, FollowUp
from crm.models import ConflictClaim, Contact
from projects.models import IndustryChain, Project, StageRequest
from reminders.models import Notification
from teams.models import Membership
from tests.core.test_login_required import API_URL_NAMES, _walk

pytestmark = pytest.mark.django_db

VIEWERS = ["maxiang", "zhoujianguo", "admin"]  # director, leader of 招商一组, administrator

# Fragments that only an untranslated string (or a value rendered raw) puts on a Chinese page.
MONTHS = "January February March April May June July August September October November December".split()
UNTRANSLATED = [
    (re.compile(r"Select an option"), "Django's empty choice"),
    (re.compile(r"-{5,}"), "Django's ModelChoiceField empty label"),
    (re.compile(r"\bago\b"), "timesince in English"),
    (re.compile(r"\d[\s\u00a0]+月(?:前|，)"), "Django's zh timesince (2 月 reads as February)"),
    (re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b"), "an English month name"),
    (re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.(?:\s|$)"), "an English month"),
    (re.compile(r"\b(?:Mon|Tues|Wed|Thu|Fri|Sat|Sun)day\b"), "an English weekday"),
    (re.compile(r"^(?:None|True|False|Yes|No|yes|no|null|undefined)$"), "a raw value"),
    (re.compile(r"\bNone\b"), "None rendered"),
    (re.compile(r"\b(?:This field is required|Enter a valid|Page \d+ of)\b"), "a Django message in English"),
    (re.compile(r"(?:^|\s)(?:and|the|of|for|with|this|your|no|not)\s\w+", re.IGNORECASE), "English words"),
]
# Visible attributes; text of <script>/<style> is code, not UI.
SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-bs-title"}
# Pages that are not HTML, or GET routes that only redirect.
NOT_PAGES = {
    "activities:attachment_download",
    "premises:file_download",
    "dashboards:dashboard_export",
    "set_language",
    "logout",
    "calendars:calendar_events",
    "calendars:feed",
    "core:healthz",  # JSON for the load balancer
    "exports:project_export",
    "exports:company_export",
    "exports:activity_export",
    "exports:follow_up_export",
    *API_URL_NAMES,  # JSON
    "api:token_revoke",  # POST only
    "imports:import_template",  # a workbook
    "imports:import_error_report",  # a workbook
    "imports:import_progress",  # a fragment polled while a task works (tests/imports); ended: 204
    "merging:company_merge_into",  # redirects to the comparison
}  # JSON for the calendar page; the iCal feed


class _Visible(HTMLParser):
    """The text a person sees: text nodes outside <script>/<style> and the shown attributes; the value
    of a submit button."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        values = dict(attrs)
        for name in SHOWN_ATTRIBUTES & values.keys():
            self.texts.append(values[name] or "")
        if tag == "input" and values.get("type") in {"submit", "button"}:
            self.texts.append(values.get("value") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data.strip())


def visible_texts(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return parser.texts


def untranslated_fragments(html: str) -> list[str]:
    found = []
    for text in visible_texts(html):
        for pattern, why in UNTRANSLATED:
            if pattern.search(text):
                found.append(f"{why}: {text[:80]!r}")
    return found


def test_the_detector_catches_what_the_issue_saw():
    page = """<select><option value="">- Select an option -</option></select><p>上次联系于2 months ago</p>
        <p>上次联系于2\u00a0月前</p>
        <td>None</td><span title="Show all of them">…</span><script>if (x === null) {}</script>"""
    assert len(untranslated_fragments(page)) >= 5
    assert untranslated_fragments("<p>上次联系于2个月前 · 2026年3月 · CNY 2.35 bn · xulei@example.cn</p>") == []


def _objects() -> dict:
    """Real objects of the demo center that the group leader of 招商一组 may see too."""
    leader = Membership.objects.get(user__username="zhoujianguo")
    project = (
        Project.objects.filter(owner_team=leader.team, stage_requests__status=StageRequest.Status.PENDING)
        .distinct()
        .first()
        or Project.objects.filter(owner_team=leader.team).first()
    )
    log = ContactLog.objects.filter(team=leader.team).order_by("-occurred_at").first()
    follow_up = FollowUp.objects.filter(team=leader.team).first()
    stage_request = StageRequest.objects.filter(project__owner_team=leader.team).order_by("status").first()
    notification = Notification.objects.create(recipient=leader.user, kind="follow_up_due", title="跟进事项今天到期")
    _export_log(leader)
    return {
        "project": project.pk,
        "company": project.company_id,
        "contact": (Contact.objects.filter(company=project.company).first() or Contact.objects.first()).pk,
        "log": log.pk,
        "follow_up": follow_up.pk,
        "stage_request": stage_request.pk,
        "claim": ConflictClaim.objects.first().pk,
        # The migration's chains are gone after a transactional (browser) test has flushed the database.
        "chain": (IndustryChain.objects.first() or IndustryChain.objects.create(name="高端装备", position=1)).pk,
        "team": leader.team_id,
        "member": Membership.objects.get(user__username="xulei").pk,
        "notification": notification.pk,
        "year": timezone.localdate().year,
        **_fieldwork_objects(leader),
        **_premises_objects(leader, project),
        **_aftercare_objects(),
        **_chainmap_objects(),
        **_import_objects(leader),
        **_supervision_objects(leader),
    }


def _supervision_objects(leader: Membership) -> dict:
    """The demo's open 督办 on a project of 招商一组 (the group leader sees it)."""
    from supervision.models import SupervisionOrder

    order = SupervisionOrder.objects.filter(project__owner_team=leader.team, closed_at__isnull=True).first()
    return {"supervision_order": order.pk}


def _import_objects(leader: Membership) -> dict:
    """A company ledger the group leader uploaded and checked: one row new, one with an error."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from imports import services as import_services

    ledger = "企业名称,统一社会信用代码,城市\n宁波甬江新材料有限公司,,宁波\n坏代码有限公司,123,宁波\n"
    run = import_services.import_start(
        actor=leader.user, kind="companies", upload=SimpleUploadedFile("台账.csv", ledger.encode("gbk"))
    )
    import_services.import_preview(run_id=run.pk)
    return {"import_run": run.pk, "import_kind": "companies"}


def _aftercare_objects() -> dict:
    """The demo's landed company 恒盛智谷 and its request in progress."""
    from aftercare.models import ServiceRequest

    request = ServiceRequest.objects.filter(status="in_progress").select_related("company").first()
    return {"landed_company": request.company_id, "service_request": request.pk}


def _export_log(leader: Membership) -> None:
    """One export on record, so that the export log shows a row (its labels) to everyone."""
    from exports.models import ExportLog

    ExportLog.objects.create(user=leader.user, kind=ExportLog.Kind.PROJECTS, format=ExportLog.Format.XLSX,
                             masked=False, query="stage=lead", row_count=3)  # fmt: skip


def _chainmap_objects() -> dict:
    """A demo target not yet turned into a project, and its link."""
    from chainmap.models import TargetCompany
    from projects.models import ChainLink

    target = TargetCompany.objects.filter(project__isnull=True).order_by("pk").first()
    if target is None:  # the demo's links are gone after a transactional (browser) test flushed the database
        chain = IndustryChain.objects.first() or IndustryChain.objects.create(name="高端装备", position=1)
        link = ChainLink.objects.create(chain=chain, name="工业软件与控制系统", segment="upstream")
        director = Membership.objects.get(user__username="maxiang").user
        target = TargetCompany.objects.create(link=link, name="浙江中控技术有限公司", normalized_name="浙江中控技术",
                                              created_by=director)  # fmt: skip
    return {"target": target.pk, "chain_link": target.link_id}


def _premises_objects(leader: Membership, project: Project) -> dict:
    """A demo building with a floor plan, another reserved for the group's project, the demo land plot."""
    from django.core.files.base import ContentFile

    from premises.models import Building, BuildingFile, LandPlot, Reservation

    vacant, held = Building.objects.order_by("pk")[:2]
    reservation = Reservation.objects.create(building=held, project=project, reserved_by=leader.user,
                                             expires_on=timezone.localdate() + timedelta(days=30))  # fmt: skip
    plan = BuildingFile.objects.create(building=vacant, kind="plan", original_name="平面图.pdf", size=9,
                                       content_type="application/pdf", uploaded_by=leader.user,
                                       file=ContentFile(b"%PDF-1.7\n%%EOF", name="plan.pdf"))  # fmt: skip
    return {"building": vacant.pk, "reservation": reservation.pk, "building_file": plan.pk,
            "land_plot": LandPlot.objects.first().pk, "editor": leader.user_id}  # fmt: skip


def _fieldwork_objects(leader: Membership) -> dict:
    """招商一组's trip under way (its leader travels along), its draft for next month, a reception."""
    from fieldwork.models import Reception, Trip

    trips = Trip.objects.filter(team=leader.team)
    trip = trips.filter(status=Trip.Status.APPROVED, members=leader.user).first()
    return {"trip": trip.pk, "trip_draft": trips.filter(status=Trip.Status.DRAFT).first().pk,
            "visit": trip.visits.first().pk, "reception": Reception.objects.first().pk}  # fmt: skip


# Which object fills the URL parameter of each page that has one: a new page must be added here.
ROUTE_OBJECTS = {
    "activities:contact_log_detail": "log", "activities:contact_log_edit": "log",
    "activities:contact_log_delete": "log", "activities:contact_log_restore": "log",
    "activities:project_activity": "project", "activities:follow_up_create": "project",
    "activities:follow_up_done": "follow_up", "activities:follow_up_snooze": "follow_up",
    "activities:follow_up_reschedule": "follow_up", "activities:follow_up_cancel": "follow_up",
    "teams:team_detail": "team", "teams:team_edit": "team", "teams:team_set_leader": "team",
    "teams:member_detail": "member", "teams:member_edit": "member", "teams:member_move": "member",
    "teams:member_change_role": "member", "teams:member_deactivate": "member",
    "teams:member_reactivate": "member", "teams:member_set_password": "member",
    "crm:company_detail": "company", "crm:company_edit": "company", "crm:company_register": "company",
    "crm:conflict_claim_create": "company", "crm:contact_create": "company", "crm:contact_edit": "contact",
    "projects:project_detail": "project", "projects:project_edit": "project",
    "projects:project_request_stage": "project", "projects:project_set_status": "project",
    "projects:project_record_increment": "project", "projects:stage_request_decide": "stage_request",
    "projects:stage_request_withdraw": "stage_request", "projects:conflict_claim_decide": "claim",
    "projects:chain_edit": "chain", "projects:chain_link_create": "chain",
    "reminders:notification_read": "notification", "reminders:webhook_edit": "team",
    "dashboards:target_edit": "year", "projects:company_referrals": "company",
    "fieldwork:trip_detail": "trip", "fieldwork:trip_cancel": "trip", "fieldwork:trip_report": "trip",
    "fieldwork:trip_edit": "trip_draft", "fieldwork:trip_submit": "trip_draft",
    "fieldwork:trip_visit_add": "trip_draft", "fieldwork:trip_decide": "trip",
    "fieldwork:trip_visit_log": "visit", "fieldwork:reception_detail": "reception",
    "fieldwork:trip_new_lead": "trip", "fieldwork:trip_visit_remove": "visit",
    "premises:building_detail": "building", "premises:building_edit": "building",
    "premises:building_reserve": "building", "premises:reservation_release": "reservation",
    "premises:project_matching": "project", "premises:project_site_visit": "project",
    "premises:building_file_add": "building", "premises:file_download": "building_file",
    "premises:file_remove": "building_file", "premises:land_plot_edit": "land_plot",
    "premises:editor_revoke": "editor",
    "fieldwork:reception_edit": "reception", "fieldwork:reception_confirm": "reception",
    "fieldwork:reception_complete": "reception", "fieldwork:reception_cancel": "reception",
    "aftercare:company_detail": "landed_company", "aftercare:request_create": "landed_company",
    "aftercare:request_detail": "service_request", "aftercare:request_edit": "service_request",
    "aftercare:request_start": "service_request", "aftercare:request_resolve": "service_request",
    "chainmap:chain_map": "chain", "chainmap:target_create": "chain_link", "chainmap:target_edit": "target",
    "chainmap:target_delete": "target", "chainmap:target_lead": "target",
    "board:board_move": "project",
    "api:project_detail": "project", "api:company_detail": "company",
    "imports:import_detail": "import_run", "imports:import_progress": "import_run",
    "imports:import_commit": "import_run", "imports:import_retry": "import_run",
    "imports:import_error_report": "import_run", "imports:import_template": "import_kind",
    "supervision:order_detail": "supervision_order", "supervision:order_acknowledge": "supervision_order",
    "supervision:order_report": "supervision_order", "supervision:order_close": "supervision_order",
    "supervision:project_orders": "project", "supervision:order_create": "project",
    "merging:company_merge_into": "company", "merging:contact_merge": "company",
}  # fmt: skip
# Pages that show what they found for a query: ask for something.
QUERIES = {
    "activities:project_autocomplete": {"q": "项目"},
    "crm:company_suggest": {"name": "科技"},
    "search:search": {"q": "项目"},
    "board:board_column": {"stage": "lead", "offset": "0"},
}


def _urls(objects: dict) -> list[tuple[str, str]]:
    urls, unmapped = [], []
    for name, route in sorted({(name or "", route) for name, route in _walk(get_resolver().url_patterns)}):
        if not name or name in NOT_PAGES or name == "login":
            continue
        parameters = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if parameters and name not in ROUTE_OBJECTS:
            unmapped.append(name)
            continue
        kwargs = {parameter: objects[ROUTE_OBJECTS[name]] for parameter in parameters}
        urls.append((name, reverse(name, kwargs=kwargs)))
    assert not unmapped, f"say which object fills the URL of {unmapped} in ROUTE_OBJECTS"
    return urls


def test_every_page_reads_chinese_for_director_group_leader_and_admin(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    objects = _objects()
    urls = _urls(objects)
    assert len(urls) >= 40
    problems, statuses = [], {}
    for username in VIEWERS:
        client.force_login(Membership.objects.get(user__username=username).user)
        for name, url in urls:
            response = client.get(url, QUERIES.get(name, {}), HTTP_ACCEPT_LANGUAGE="zh-hans")
            html = response.status_code == 200 and response["Content-Type"].startswith("text/html")
            statuses.setdefault(name, set()).add("page" if html else response.status_code)
            if html:
                problems += [f"{username} {url}: {fragment}" for fragment in untranslated_fragments(response.text)]
    assert not problems, "\n".join(problems)
    # every page was checked for someone; only POST-only actions (405 for all) are not pages
    unchecked = {name: codes for name, codes in statuses.items() if "page" not in codes and codes != {405}}
    assert not unchecked, f"pages no viewer could open: {unchecked}"


def test_django_strings_our_catalog_overrides_read_naturally():
    from datetime import timedelta

    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation
    from django.utils.timesince import timesince

    now = timezone.now()
    with translation.override("zh-hans"):
        assert str(BLANK_CHOICE_LABEL) == "- 请选择 -"
        assert timesince(now - timedelta(days=65), now) == "2个月"
        assert timesince(now - timedelta(days=3, hours=2), now) == "3天，2小时"
    with translation.override("en"):
        assert str(BLANK_CHOICE_LABEL) == "- Select an option -"
        assert timesince(now - timedelta(days=65), now).replace("\xa0", " ") == "2 months"

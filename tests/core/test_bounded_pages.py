"""Every list and landing page is bounded: rendered for the same people at a small center and at one ten times
larger (projects, companies, logs, follow-ups, quiet projects, sign-offs, notifications *and* people), it runs
the same number of queries and its HTML stays within a few percent. Query counts alone miss a page that
lists every row in one query (a `<select>` of every project, every quiet project on My day).

A page added to the product must be added to PAGES below, or to UNBOUNDED_BY_DESIGN with the reason."""

from datetime import timedelta

import pytest
from axes.models import AccessFailureLog
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import ContactLog, FollowUp
from crm.identity import normalize_company_name
from crm.models import Company
from projects.models import Project, StageRequest
from projects.stages import STAGE_ORDER
from reminders.models import Notification
from teams.models import Membership
from tests.core.test_login_required import ALL_ROUTES
from tests.factories import TeamFactory, make_member

pytestmark = pytest.mark.django_db
Role = Membership.Role
TEAMS = 3
HTML_TOLERANCE = 0.05  # digits of larger counts ("共120个" → "共1200个") and longer generated names

# (url name, query) per role that sees it. Pages with an object use the center's first project/company.
PAGES = {
    "director": [
        ("activities:my_day", {}),
        ("activities:activity_list", {}),
        ("activities:follow_up_list", {}),
        ("activities:stale_project_list", {}),
        ("projects:project_list", {}),
        ("board:board", {}),
        ("board:board_column", {"stage": "lead", "offset": "0"}),
        ("projects:project_list", {"q": "项目"}),
        ("projects:signoff_inbox", {}),
        ("projects:conflict_queue", {}),
        ("crm:company_list", {}),
        ("crm:company_list", {"q": "公司"}),
        ("dashboards:dashboard", {}),
        ("teams:member_list", {}),
        ("teams:team_list", {}),
        ("reminders:notification_list", {}),
        ("projects:project_detail", {}),
        ("crm:company_detail", {}),
        ("activities:project_activity", {}),
        ("calendars:calendar", {}),
        ("calendars:feed_settings", {}),
        ("fieldwork:trip_list", {}),
        ("fieldwork:reception_list", {}),
        ("fieldwork:week", {}),
        ("premises:building_list", {}),
        ("premises:building_list", {"min_height": "8"}),
        ("premises:land_plot_list", {}),
        ("supervision:order_list", {}),
        ("supervision:order_list", {"colour": "red"}),
        ("supervision:project_orders", {}),
        ("aftercare:company_list", {}),
        ("aftercare:company_detail", {}),
        ("aftercare:request_list", {}),
        ("aftercare:request_list", {"status": "open_any", "overdue": "1"}),
        ("exports:export_log", {}),
        ("imports:import_list", {}),
        ("search:search", {"q": "项目"}),
        ("search:search", {"q": "测试"}),
        ("merging:merge_list", {}),
        ("chainmap:chain_overview", {}),
        ("chainmap:chain_map", {}),
        ("chainmap:target_list", {}),
        ("chainmap:target_list", {"status": "open"}),
        ("chainmap:landed_list", {}),
    ],  # fmt: skip
    "leader": [
        ("activities:my_day", {}),
        ("activities:activity_list", {}),
        ("activities:follow_up_list", {}),
        ("activities:stale_project_list", {}),
        ("projects:project_list", {}),
        ("board:board", {}),
        ("board:board_column", {"stage": "lead", "offset": "0"}),
        ("projects:signoff_inbox", {}),
        ("crm:company_list", {}),
        ("dashboards:dashboard", {}),
        ("reminders:notification_list", {}),
        ("calendars:calendar", {}),
        ("fieldwork:trip_list", {}),
        ("fieldwork:reception_list", {}),
        ("fieldwork:week", {}),
        ("premises:building_list", {}),
        ("aftercare:company_list", {}),
        ("aftercare:request_list", {}),
    ],  # fmt: skip
    "recruiter": [
        ("activities:my_day", {}),
        ("activities:activity_list", {}),
        ("activities:follow_up_list", {}),
        ("projects:project_list", {}),
        ("board:board", {}),
        ("board:board_column", {"stage": "lead", "offset": "0"}),
        ("projects:project_list", {"q": "项目"}),
        ("crm:company_list", {}),
        ("dashboards:dashboard", {}),
        ("reminders:notification_list", {}),
        ("projects:project_detail", {}),
        ("activities:project_activity", {}),
        ("calendars:calendar", {}),
        ("calendars:feed_settings", {}),
        ("fieldwork:trip_list", {}),
        ("fieldwork:reception_list", {}),
        ("fieldwork:week", {}),
        ("premises:building_list", {}),
        ("premises:project_matching", {}),
        ("premises:land_plot_list", {"min_area": "40"}),
        ("aftercare:company_list", {}),
        ("aftercare:company_detail", {}),
        ("aftercare:request_list", {}),
        ("exports:export_log", {}),
        ("imports:import_list", {}),
        ("imports:import_detail", {}),
        ("imports:import_detail", {"action": "error"}),
        ("search:search", {"q": "项目"}),
        ("chainmap:chain_overview", {}),
        ("chainmap:chain_map", {}),
        ("chainmap:target_list", {}),
        ("chainmap:landed_list", {}),
        ("supervision:order_list", {}),
    ],  # fmt: skip
    "admin": [
        ("activities:my_day", {}),
        ("reminders:delivery_list", {}),
        ("teams:member_list", {}),
        ("teams:lockout_list", {}),
        ("premises:editor_list", {}),
    ],  # fmt: skip
}
# Pages that need no object and are not in PAGES, with the reason they may grow or need no check.
UNBOUNDED_BY_DESIGN = {
    "login": "public form, no data",
    "logout": "POST only",
    "password_change": "a form", "password_change_done": "a message", "set_language": "POST only",
    "core:system_status": "fixed set of checks", "core:healthz": "two checks, JSON",
    "activities:contact_log_create": "the form; its pickers search", "activities:project_autocomplete": "≤ 8 options",
    "projects:project_autocomplete": "≤ 10 options", "teams:member_autocomplete": "≤ 10 options",
    "crm:company_suggest": "≤ a few near-duplicates", "crm:company_create": "a form",
    "crm:registration_policy": "a form", "projects:project_create": "a form",
    "crm:company_autocomplete": "≤ 10 options", "projects:referrer_autocomplete": "≤ 10 options",
    "projects:chain_create": "POST only",
    "projects:chain_list": "the reference list of industry chains, maintained by hand",
    "teams:team_create": "a form", "teams:member_create": "a form",
    "reminders:preference_edit": "a form", "reminders:policy_edit": "a form",
    "reminders:webhook_list": "one row per group",
    "reminders:notification_read_all": "POST only", "teams:lockout_lift": "POST only",
    "dashboards:dashboard_export": "the dashboard's tables as a file, bounded like the dashboard",
    "calendars:calendar_events": "JSON for a range of days, capped; tests/calendars/test_bounded.py checks it at 10x",
    "calendars:feed_create": "POST only", "calendars:feed_revoke": "POST only",
    "fieldwork:trip_create": "a form", "fieldwork:reception_create": "a form", "fieldwork:policy_edit": "a form",
    "premises:building_create": "a form", "premises:land_plot_create": "a form",
    "aftercare:service_levels": "a form: one number per request type",
    "exports:project_export": "a file of the list's rows, capped (EXPORT_MAX_ROWS), written in chunks",
    "exports:company_export": "a file, as above", "exports:activity_export": "a file, as above",
    "exports:follow_up_export": "a file, as above",
    "imports:import_template": "a workbook: the kind's columns and one example row",
    "merging:company_merge": "a form; with two companies chosen, one count per kind of row of each",
    "api:docs": "a fixed page; Swagger UI reads the schema",
    "api:schema": "the OpenAPI document: one entry per endpoint, fixed by the code",
    "api:token_list": "one's own tokens, 25 a page (at most 20 active)",
    "api:company_list": "JSON, ≤ 100 rows a page; tests/api/test_companies.py checks its queries at 10x",
    "api:contact_log_list": "JSON by cursor, ≤ 100 rows; tests/api/test_activities.py checks its queries at 10x",
    "api:follow_up_list": "JSON, ≤ 100 rows a page; tests/api/test_activities.py checks its queries at 10x",
    "api:project_list": "JSON, ≤ 100 rows a page; tests/api/test_api.py checks its queries at 10x",
    "api:stage_request_list": "JSON, ≤ 100 rows a page; tests/api/test_query_counts.py checks its queries at 10x",
    "api:trip_list": "JSON, ≤ 100 rows a page; tests/api/test_fieldwork.py checks its queries at 10x",
    "api:reception_list": "JSON, ≤ 100 rows a page; tests/api/test_fieldwork.py checks its queries at 10x",
    "api:building_list": "JSON, ≤ 100 rows a page; tests/api/test_fieldwork.py checks its queries at 10x",
}  # fmt: skip


def _build_center(scale: int) -> dict:
    """A center of TEAMS groups, each with a leader and 17×scale recruiters (56 people at scale 1, more than a
    page of the directory). Each recruiter owns 4 projects (3 quiet for a month, 2 logs each), 3 open
    follow-ups (overdue, due today, next week) and asks 2 sign-offs; the measured recruiter has 35×scale
    notifications. At scale 1 every list already fills its first page, so the larger center may only add
    rows beyond it."""
    now, today = timezone.now(), timezone.localdate()
    month_ago = now - timedelta(days=30)
    people = {"director": make_member(Role.DIRECTOR), "admin": make_member(Role.ADMIN)}
    recruiters = []
    for _ in range(TEAMS):
        team = TeamFactory()
        leader = make_member(Role.TEAM_LEADER, team=team)
        people.setdefault("leader", leader)
        recruiters += [make_member(Role.RECRUITER, team=team) for _ in range(17 * scale)]
    people["recruiter"] = next(r for r in recruiters if r.team_id == people["leader"].team_id)
    per_recruiter = 4
    companies = Company.objects.bulk_create(
        Company(name=f"测试{n}号投资有限公司", normalized_name=normalize_company_name(f"测试{n}号投资有限公司"),
                created_by=people["director"].user)
        for n in range(per_recruiter * len(recruiters))
    )  # fmt: skip
    projects = Project.objects.bulk_create(
        Project(
            name=f"项目{i}-{j}", company=companies[per_recruiter * i + j], owner_team_id=member.team_id,
            owner=member.user, created_by=member.user, stage=STAGE_ORDER[j], stage_entered_at=month_ago,
            furthest_stage_index=j, planned_investment=50000 + j,
        )
        for i, member in enumerate(recruiters) for j in range(per_recruiter)
    )  # fmt: skip
    quiet = [p.pk for n, p in enumerate(projects) if n % per_recruiter]
    Project.objects.filter(pk__in=quiet).update(created_at=month_ago - timedelta(days=1), last_contact_at=month_ago)
    ContactLog.objects.bulk_create(
        ContactLog(project=p, company_id=p.company_id, channel="phone", author_id=p.owner_id, team_id=p.owner_team_id,
                   occurred_at=now - timedelta(hours=n * 48), summary=f"第{n}次电话沟通")
        for p in projects for n in range(2)
    )  # fmt: skip
    FollowUp.objects.bulk_create(
        FollowUp(title=f"跟进{n}", due_date=today + timedelta(days=(-1 - n % 5, 0, 1 + n % 7)[n % 3]),
                 owner_id=p.owner_id, team_id=p.owner_team_id, project=p, company_id=p.company_id,
                 created_by_id=p.owner_id)
        for n, p in enumerate(projects) if n % per_recruiter < 3
    )  # fmt: skip
    Notification.objects.bulk_create(
        Notification(recipient=people["recruiter"].user, kind="follow_up_due", title=f"提醒{k}")
        for k in range(35 * scale)
    )  # fmt: skip
    StageRequest.objects.bulk_create(
        StageRequest(project=p, from_stage=p.stage, to_stage=STAGE_ORDER[STAGE_ORDER.index(p.stage) + 1],
                     comment="请审批", requested_by_id=p.owner_id)
        for n, p in enumerate(projects) if n % per_recruiter < 2
    )  # fmt: skip
    AccessFailureLog.objects.bulk_create(  # guessed passwords: locked accounts and the failure log
        AccessFailureLog(username=f"user{n % (20 * scale)}", ip_address=f"10.0.{n % 250}.{n % 7}",
                         user_agent="curl", path_info="/accounts/login/", locked_out=False)
        for n in range(100 * scale)
    )  # fmt: skip
    _build_fieldwork(recruiters, projects, now, today)
    people["project"] = Project.objects.filter(owner_team_id=people["recruiter"].team_id).order_by("pk").first()
    _build_premises(recruiters, projects, people)
    _build_aftercare(recruiters, people, scale)
    _build_exports(recruiters, people)
    _build_imports(recruiters, people, scale)
    _build_merges(people, scale)
    people["chain"] = _build_chainmap(projects, people)
    _build_supervision(recruiters, projects, people, scale)
    return people


def _build_supervision(recruiters, projects, people, scale: int) -> None:
    """Two 督办 on each recruiter's first project (one red, one blue); the measured project has 30×scale more,
    all its owner's (more than My day's five and than a page of the list)."""
    from supervision.models import SupervisionOrder

    today = timezone.localdate()
    measured = people["project"]
    orders = [(p, n) for p in projects[::4] for n in range(2)] + [(measured, n) for n in range(30 * scale)]
    SupervisionOrder.objects.bulk_create(
        SupervisionOrder(project=p, required=f"督办事项{n}", issued_on=today - timedelta(days=30),
                         due_on=today + timedelta(days=(-3, 20)[n % 2]), responsible_id=p.owner_id,
                         issued_by=people["director"].user)
        for p, n in orders
    )  # fmt: skip


def _build_aftercare(recruiters, people, scale: int) -> None:
    """Each recruiter's company that landed (a signed project) with an open and a resolved request; the
    measured recruiter's has 15×scale requests, capital increases and contact logs (more than its page shows)."""
    from aftercare.models import ServiceRequest
    from projects.models import ProjectIncrement

    today, now = timezone.localdate(), timezone.now()
    companies = Company.objects.bulk_create(
        Company(name=f"已落户{n}号企业有限公司", normalized_name=normalize_company_name(f"已落户{n}号企业有限公司"),
                created_by=people["director"].user)
        for n in range(len(recruiters))
    )  # fmt: skip
    landed = Project.objects.bulk_create(
        Project(name=f"落户项目{n}", company=companies[n], owner_team_id=member.team_id, owner=member.user,
                created_by=member.user, stage="signed", stage_entered_at=now, furthest_stage_index=5,
                signed_on=today, planned_investment=50000, contracted_amount=40000)
        for n, member in enumerate(recruiters)
    )  # fmt: skip
    measured = next(p for p in landed if p.owner_id == people["recruiter"].user_id)
    people["landed_company"] = measured.company

    def request(project, n: int, resolved: bool) -> ServiceRequest:
        return ServiceRequest(
            company_id=project.company_id, project=project, kind=("land", "labour", "finance")[n % 3],
            title=f"诉求{n}", responsible_id=project.owner_id, created_by_id=project.owner_id,
            opened_on=today - timedelta(days=n % 20), due_on=today + timedelta(days=5 - n % 20),
            status="resolved" if resolved else ("open", "in_progress")[n % 2],
            resolution="已办" if resolved else "", resolved_on=today if resolved else None,
        )  # fmt: skip

    ServiceRequest.objects.bulk_create(
        [request(p, n, resolved) for n, p in enumerate(landed) for resolved in (False, True)]
        + [request(measured, n, n % 3 == 0) for n in range(15 * scale)]
    )  # fmt: skip
    ProjectIncrement.objects.bulk_create(
        ProjectIncrement(project=measured, amount=1000 + n, signed_on=today - timedelta(days=n),
                         created_by_id=measured.owner_id)
        for n in range(12 * scale)
    )  # fmt: skip
    ContactLog.objects.bulk_create(
        ContactLog(project=measured, company_id=measured.company_id, channel="visit", author_id=measured.owner_id,
                   team_id=measured.owner_team_id, occurred_at=now - timedelta(hours=n), summary=f"走访{n}")
        for n in range(12 * scale)
    )  # fmt: skip


def _build_exports(recruiters, people) -> None:
    """Three exports per recruiter, one of them by the measured recruiter (more than a page of the log)."""
    from exports.models import ExportLog

    ExportLog.objects.bulk_create(
        ExportLog(user=user, kind=ExportLog.Kind.PROJECTS, format=ExportLog.Format.XLSX, query="stage=lead",
                  row_count=n)
        for n, user in enumerate([r.user for r in recruiters] * 2 + [people["recruiter"].user] * len(recruiters))
    )  # fmt: skip


def _build_imports(recruiters, people, scale: int) -> None:
    """Two import runs per recruiter, 30 by the measured recruiter (more than a page of the list), whose
    latest run has 180×scale rows, every third an error (more than a page of rows, of errors too)."""
    from imports.models import ImportRow, ImportRun

    runs = ImportRun.objects.bulk_create(
        ImportRun(user=user, kind="projects", file_name=f"台账{n}.csv", file=f"imports/none{n}.csv",
                  encoding="gb18030", status="previewed", total_rows=180 * scale)
        for n, user in enumerate([r.user for r in recruiters] * 2 + [people["recruiter"].user] * 30)
    )  # fmt: skip
    people["import_run"] = runs[-1]
    ImportRow.objects.bulk_create(
        ImportRow(run=runs[-1], number=n + 2, action="error" if n % 3 == 0 else "create", label=f"项目{n}",
                  reason="“abc”不是数字。" if n % 3 == 0 else "")
        for n in range(180 * scale)
    )  # fmt: skip


def _build_merges(people, scale: int) -> None:
    """30×scale merges on record (more than a page), and near-duplicate names among the newest companies."""
    from merging.models import MergeRecord

    MergeRecord.objects.bulk_create(
        MergeRecord(kind="company", survivor_label=f"保留企业{n}", merged_label=f"重复企业{n}", merged_pk=n,
                    moved={"projects.Project.company": n}, merged_by=people["director"].user)
        for n in range(30 * scale)
    )  # fmt: skip
    Company.objects.bulk_create(
        Company(name=f"测试{n}号投资股份公司", created_by=people["director"].user,
                normalized_name=normalize_company_name(f"测试{n}号投资股份公司") + "股份")
        for n in range(40 * scale)
    )  # fmt: skip


def _build_chainmap(projects, people):
    """A chain of six links holding every project (every fourth one signed: a landed company), and
    20 target companies per recruiter spread over the links (the lists fill their first page at scale 1)."""
    from chainmap.models import TargetCompany
    from projects.models import ChainLink, IndustryChain

    chain = IndustryChain.objects.create(name="测试产业链", position=99)
    links = ChainLink.objects.bulk_create(
        ChainLink(chain=chain, name=f"环节{k}", segment=("upstream", "midstream", "downstream")[k % 3])
        for k in range(6)
    )  # fmt: skip
    for k, link in enumerate(links[:5]):  # the sixth stays a gap
        ids = [p.pk for n, p in enumerate(projects) if n % 5 == k]
        Project.objects.filter(pk__in=ids).update(chain=chain, chain_link=link)
    signed = [p.pk for n, p in enumerate(projects) if n % 4 == 3]
    Project.objects.filter(pk__in=signed).update(stage="signed", signed_on=timezone.localdate())
    TargetCompany.objects.bulk_create(
        TargetCompany(link=links[n % 6], name=f"目标企业{n}有限公司", normalized_name=f"目标企业{n}",
                      is_chain_leader=n % 7 == 0, created_by=people["director"].user)
        for n in range(5 * len(projects))
    )  # fmt: skip
    return chain


def _build_premises(recruiters, projects, people) -> None:
    """Four buildings per recruiter — two that fit the measured project's needs (10 m, steel, 4,000 m²), two
    at 6.5 m — every third fitting one reserved for one of the recruiter's projects, each shown at a site
    visit of the measured project; two land plots per recruiter (one large enough for its 40 亩); every
    recruiter keeps the inventory (more than a page of editors)."""
    from premises import services as premises_services
    from premises.models import Building, LandPlot, Reservation, Showing

    Project.objects.filter(pk=people["project"].pk).update(floor_area_m2=4000, ceiling_height_m=10, structure="steel",
                                                           land_mu=40)  # fmt: skip
    people["project"].refresh_from_db()
    buildings = Building.objects.bulk_create(
        Building(name=f"厂房{n}-{k}", floor_area_m2=4000 + n + 100 * k, ceiling_height_m=10 if k < 2 else 6.5,
                 structure="steel", created_by=people["admin"].user,
                 status=Building.Status.RESERVED if k == 0 and n % 3 == 0 else Building.Status.VACANT)
        for n in range(len(recruiters)) for k in range(4)
    )  # fmt: skip
    Reservation.objects.bulk_create(
        Reservation(building=building, project=projects[4 * (n // 4)], reserved_by=recruiters[n // 4].user,
                    expires_on=timezone.localdate() + timedelta(days=30))
        for n, building in enumerate(buildings) if building.status == Building.Status.RESERVED
    )  # fmt: skip
    LandPlot.objects.bulk_create(
        LandPlot(name=f"地块{n}-{k}", area_mu=30 + 20 * k + n, created_by=people["admin"].user)
        for n in range(len(recruiters)) for k in range(2)
    )  # fmt: skip
    visit = ContactLog.objects.create(project=people["project"], channel="site_visit", summary="带看",
                                      occurred_at=timezone.now(), author=people["recruiter"].user,
                                      company_id=people["project"].company_id,
                                      team_id=people["recruiter"].team_id)  # fmt: skip
    Showing.objects.bulk_create(Showing(log=visit, building=building) for building in buildings)
    for recruiter in recruiters:
        premises_services.editor_grant(actor=people["admin"].user, user=recruiter.user)


def _build_fieldwork(recruiters, projects, now, today) -> None:
    """Each recruiter leads an approved trip this week (with a visit) and one next week, and receives two
    delegations in the next two days: a group's lists fill their first page at scale 1 already."""
    from fieldwork.models import PlannedVisit, Reception, Trip

    monday = today - timedelta(days=today.weekday())
    trips = Trip.objects.bulk_create(
        Trip(destinations=f"城市{n}", start_date=monday + timedelta(days=n % 5 + 7 * k),
             end_date=monday + timedelta(days=n % 5 + 1 + 7 * k), lead=member.user, team_id=member.team_id,
             purpose="拜访", status=Trip.Status.APPROVED, created_by=member.user)
        for n, member in enumerate(recruiters) for k in range(2)
    )  # fmt: skip
    PlannedVisit.objects.bulk_create(
        PlannedVisit(trip=trip, company_id=projects[2 * n].company_id, project=projects[2 * n], date=trip.start_date,
                     created_by=trip.lead)
        for n, trip in enumerate(trips)
    )  # fmt: skip
    Reception.objects.bulk_create(
        Reception(company_id=projects[2 * n + 1].company_id, project=projects[2 * n + 1], visitors="陈总",
                  starts_at=now + timedelta(hours=n % 48), team_id=member.team_id, created_by=member.user)
        for n, member in enumerate(recruiters * 2)
    )  # fmt: skip


def _measure(scale: int) -> dict[tuple, tuple[int, int]]:
    people = _build_center(scale)
    project = people["project"]
    results = {}
    for role, pages in PAGES.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        client.force_login(people[role].user)
        for name, query in pages:
            if name in (
                "projects:project_detail",
                "activities:project_activity",
                "premises:project_matching",
                "supervision:project_orders",
            ):
                url = reverse(name, args=[project.pk])
            elif name == "chainmap:chain_map":
                url = reverse(name, args=[people["chain"].pk])
            elif name == "crm:company_detail":
                url = reverse(name, args=[project.company_id])
            elif name == "aftercare:company_detail":
                url = reverse(name, args=[people["landed_company"].pk])
            elif name == "imports:import_detail":
                url = reverse(name, args=[people["import_run"].pk])
            else:
                url = reverse(name)
            client.get(url, query)  # warm caches (sessions, content types, the nav's counts)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, query)
            assert response.status_code == 200, (role, name, response.status_code)
            results[(role, name, tuple(query.items()))] = (len(queries), len(response.content))
    return results


def test_every_list_and_landing_page_is_in_the_table_or_exempt_with_a_reason():
    measured = {name for pages in PAGES.values() for name, _ in pages}
    without_args = {name for name, route in ALL_ROUTES if "<" not in route and name}
    assert without_args - measured - set(UNBOUNDED_BY_DESIGN) == set()


def _measure_and_undo(scale: int) -> dict[tuple, tuple[int, int]]:
    with transaction.atomic():
        results = _measure(scale)
        transaction.set_rollback(True)  # the next center starts from an empty database
    return results


def test_pages_keep_their_queries_and_size_at_ten_times_the_data():
    small = _measure_and_undo(1)
    large = _measure_and_undo(10)
    problems = []
    for key, (queries, size) in small.items():
        big_queries, big_size = large[key]
        if big_queries != queries:
            problems.append(f"{key}: {queries} → {big_queries} queries")
        if abs(big_size - size) > HTML_TOLERANCE * size:
            problems.append(f"{key}: {size} → {big_size} bytes ({big_size / size:.2f}×)")
    assert not problems, "\n".join(problems)

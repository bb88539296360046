"""The demo center's field work (after the projects and activities demos): this week 招商四组 is out in 丽水
and 衢州 (UTG glass, the hydrogen cable car), 招商一组 in 宁波 (the smart chassis) and 招商五组 in 上海 (埃泰斯);
招商四组 also receives the powder-metallurgy delegation (with a visit to the 10 m steel building) and 招商二组
the digital-lighting investor. Last month 招商二组's trip to 常州 has its report filed; 招商三组's trip is
back and its report overdue.

Everything goes through the services (approvals by the group leader or 马翔, visits logged by who went).
A trip is known by its lead and purpose, a reception by its project and visitors: running the seed again
adds nothing."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from activities.models import ContactLog
from fieldwork import reception_services, services, visit_services
from fieldwork.models import Reception, Trip, TripEvent, TripReport
from projects.models import Project

DIRECTOR = "maxiang"


@dataclass(frozen=True)
class VisitPlan:
    project: str
    day: int  # days after the trip's start
    at: time | None = None
    log: str = ""  # what was said (logged by the lead), for visits that have happened
    outcome: str = ""


@dataclass(frozen=True)
class TripPlan:
    lead: str
    members: tuple[str, ...]
    destinations: str
    purpose: str
    start: int  # days from today
    days: int
    approver: str
    visits: tuple[VisitPlan, ...]
    report: str = ""
    transport: str = ""
    submit: bool = True  # False: still being planned


TRIPS = [
    TripPlan("wangshuai", ("fengxue",), "丽水, 衢州",
             "回访UTG柔性玻璃项目方，跟进氢能高架缆车项目的水运和厂址方案", -1, 3, DIRECTOR, (
                 VisitPlan("UTG柔性玻璃项目", 0, time(14), "与周董面谈扩产节奏和洁净车间要求", "同意下月来扬实地考察"),
                 VisitPlan("氢能高架缆车项目", 1, time(10)),
             ), transport="自驾（扬州—丽水约8小时），丽水—衢州走高速"),
    TripPlan("xulei", ("zhangwei", "zhoujianguo"), "宁波",
             "带调整后的厂房方案拜访刘总，确认签约前的最后事项", 0, 2, DIRECTOR,
             (VisitPlan("汽车用智能底盘和感应门把手项目", 1, time(9, 30)),), transport="高铁"),
    TripPlan("gaoyuan", ("linfang",), "上海", "与埃泰斯总部对接二期扩产和到资计划", 1, 2, "hejun",
             (VisitPlan("埃泰斯热储能项目", 0, time(10)),), transport="高铁"),
    TripPlan("lina", (), "深圳, 东莞", "走访电子信息产业链的柔性屏配套企业", 20, 3, "", (), submit=False),
    TripPlan("sunhao", ("chenchen",), "常州", "与华曜光电确认数字照明项目协议文本和省重大项目申报", -40, 2, DIRECTOR,
             (VisitPlan("汽车数字照明系统项目", 0, time(10), "逐条过协议文本，确认省重大项目申报材料",
                        "协议文本基本达成一致"),),
             report="常州两天：与华曜光电逐条确认协议文本，省重大项目申报材料已备齐，具备提请签约条件。"),
    TripPlan("huangtao", ("zhaomin",), "上海, 苏州", "走访恒盛智谷推荐的产业链企业", -25, 2, DIRECTOR,
             (VisitPlan("恒盛智谷产业社区项目", 0, time(10), "请恒盛智谷引荐上下游配套企业", "推荐两家配套企业"),)),
]  # fmt: skip

# The article's center: at least three groups out each week (外出招商) while the others receive visitors.
# (project, host usernames, visitors, headcount, days from today, hour, itinerary, status)
RECEPTIONS = [
    ("粉末冶金汽车零部件项目", ("tanxu", "qianfeng"), "陈国华, 总经理\n李建, 生产副总\n王宁, 设备主管", 3, 1, 9,
     "09:30 会谈 管委会三楼会议室\n10:30 实地看厂房 园区内层高10米的钢结构厂房\n12:00 工作午餐 园区食堂",
     Reception.Status.CONFIRMED),
    ("汽车数字照明系统项目", ("sunhao", "yangfan"), "华曜光电 副总裁\n华曜光电 投资总监", 2, 2, 14,
     "14:00 会谈 管委会二楼\n15:30 参观 园区展示中心", Reception.Status.PLANNED),
]  # fmt: skip


def _users() -> dict[str, User]:
    return {user.username: user for user in User.objects.select_related("membership")}


def _at(day: date, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))


def _seed_trip(plan: TripPlan, users: dict[str, User], projects: dict[str, Project], today: date) -> bool:
    lead = users[plan.lead]
    if Trip.objects.filter(lead=lead, purpose=plan.purpose).exists():
        return False
    start = today + timedelta(days=plan.start)
    trip = services.trip_create(
        actor=lead, destinations=plan.destinations, purpose=plan.purpose, start_date=start,
        end_date=start + timedelta(days=plan.days - 1), members=[users[m] for m in plan.members],
        transport_notes=plan.transport,
    )  # fmt: skip
    visits = []
    for visit in plan.visits:
        if visit.project in projects:
            visits.append((visit, visit_services.planned_visit_add(
                actor=lead, trip=trip, project=projects[visit.project], date=start + timedelta(days=visit.day),
                time=visit.at,
            )))  # fmt: skip
    if not plan.submit:
        return True
    services.trip_submit(actor=lead, trip=trip)
    approver = users["maxiang" if plan.approver == plan.lead else plan.approver]
    trip = services.trip_approve(actor=approver, trip=trip)
    for visit, planned in visits:
        if visit.log:
            occurred_at = _at(planned.date, visit.at or time(10))
            log = visit_services.planned_visit_log(
                actor=lead, visit=planned, channel="visit", summary=visit.log, outcome=visit.outcome,
                occurred_at=occurred_at,
            )  # fmt: skip
            logged_at = min(occurred_at + timedelta(minutes=40), timezone.now())  # logged after the visit
            ContactLog.objects.filter(pk=log.pk).update(created_at=logged_at, updated_at=logged_at)
            ContactLog.history.model.objects.filter(id=log.pk).update(history_date=logged_at, created_at=logged_at)
    if plan.report:  # filed three days after the return, as it was
        report = services.trip_report_file(actor=lead, trip=trip, summary=plan.report)
        filed_at = _at(trip.end_date + timedelta(days=3), time(17))
        TripReport.objects.filter(pk=report.pk).update(filed_at=filed_at)
        trip.events.filter(kind=TripEvent.Kind.REPORT_FILED).update(created_at=filed_at)
    return True


def _seed_reception(row, users: dict[str, User], projects: dict[str, Project], today: date) -> bool:
    name, hosts, visitors, headcount, days, hour, itinerary, status = row
    if name not in projects or Reception.objects.filter(project=projects[name], visitors=visitors).exists():
        return False
    host_users = [users[host] for host in hosts]
    reception = reception_services.reception_create(
        actor=host_users[0], project=projects[name], visitors=visitors, headcount=headcount, hosts=host_users,
        starts_at=_at(today + timedelta(days=days), time(hour, 30 if hour == 9 else 0)), itinerary=itinerary,
        confirm_double_booking=True,
    )  # fmt: skip
    if status == Reception.Status.CONFIRMED:
        reception_services.reception_confirm(actor=host_users[0], reception=reception)
    return True


@transaction.atomic
def seed_demo_fieldwork() -> tuple[int, int]:
    """Create the demo trips and receptions that are missing; returns how many trips and receptions there are."""
    users, today = _users(), timezone.localdate()
    names = {visit.project for plan in TRIPS for visit in plan.visits} | {row[0] for row in RECEPTIONS}
    projects = {project.name: project for project in Project.objects.filter(name__in=names).select_related("company")}
    if not all(plan.lead in users for plan in TRIPS):
        return Trip.objects.count(), Reception.objects.count()
    for plan in TRIPS:
        _seed_trip(plan, users, projects, today)
    for row in RECEPTIONS:
        _seed_reception(row, users, projects, today)
    return Trip.objects.count(), Reception.objects.count()

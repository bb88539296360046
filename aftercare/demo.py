"""The demo center's aftercare: 恒盛智谷 (landed, in production, and the referrer of 天盛振宁 — see
projects/demo.py) has a labour request in progress and a power-supply request resolved within its service
level; another landed company has an approvals request that is overdue (its reminders escalate). Made
through the services, then moved back in time like the rest of the demo. Known by title: running the seed
again adds nothing."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from aftercare import services
from aftercare.models import RequestKind, ServiceRequest
from aftercare.workdays import add_working_days, nth_working_day_back
from projects.models import Project
from projects.stages import LANDED_STAGES

HENGSHENG = "扬州恒盛智谷产业社区运营有限公司"
REQUESTS = [
    # company (None: another landed company), kind, title, description, working days ago opened, resolution
    (HENGSHENG, RequestKind.LABOUR, "二期入驻企业招工：急需操作工200名",
     "恒盛智谷二期入驻的三家企业下月投产，需要园区人社部门协助组织专场招聘会。", 3, ""),
    (HENGSHENG, RequestKind.UTILITIES, "新建研发楼双回路供电接入",
     "研发楼需要双回路供电，供电公司排期较晚，请协调提前施工。", 12,
     "已协调区供电公司，双回路工程提前两周完成并通电。"),
    (None, RequestKind.APPROVAL, "扩建项目环评批复进度",
     "扩建生产线的环评报告已提交，企业希望了解批复时间。", 9, ""),
]  # fmt: skip


def _shift(request: ServiceRequest, working_days_ago: int, *, resolved_after: int | None = None) -> None:
    today = timezone.localdate()
    opened = nth_working_day_back(today, working_days_ago + 1)
    due = add_working_days(opened, request.sla_days)
    moved = timezone.now() - (timezone.localdate() - opened)
    fields = {"opened_on": opened, "due_on": due, "created_at": moved}
    if resolved_after is not None:
        resolved_on = add_working_days(opened, resolved_after)
        fields |= {"resolved_on": resolved_on, "resolved_at": moved + (resolved_on - opened)}
    ServiceRequest.objects.filter(pk=request.pk).update(**fields)
    history = list(request.history.order_by("history_date", "history_id"))
    for step, record in enumerate(history):
        when = moved + timedelta(days=step * 2, hours=step)
        if resolved_after is not None and step == len(history) - 1:
            when = fields["resolved_at"]
        type(record).objects.filter(pk=record.pk).update(history_date=when, opened_on=opened, due_on=due)


@transaction.atomic
def seed_demo_aftercare() -> int:
    landed = (
        Project.objects.filter(stage__in=LANDED_STAGES).exclude(status=Project.Status.DROPPED)
        .select_related("company", "owner").order_by("signed_on", "pk")
    )  # fmt: skip
    other = landed.exclude(company__name=HENGSHENG).first()
    for company_name, kind, title, description, days_ago, resolution in REQUESTS:
        project = landed.filter(company__name=company_name).first() if company_name else other
        if project is None or ServiceRequest.objects.filter(company=project.company, title=title).exists():
            continue
        owner: User = project.owner
        request = services.service_request_open(
            actor=owner, company=project.company, project=project, kind=kind, title=title, description=description,
            responsible=owner,
        )  # fmt: skip
        if kind == RequestKind.LABOUR:
            request = services.service_request_start(
                actor=owner, request=request, note="已与区人社局对接，专场招聘会定于下周三。"
            )
        if resolution:
            request = services.service_request_start(actor=owner, request=request, note="已联系区供电公司现场踏勘。")
            request = services.service_request_resolve(actor=owner, request=request, resolution=resolution)
        _shift(request, days_ago, resolved_after=4 if resolution else None)
    return ServiceRequest.objects.count()

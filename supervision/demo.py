"""The demo center's 督办: the director 马翔 issued one on a project of 徐磊 (招商一组) that is now overdue
(red on 徐磊's My day, escalated), the deputy 谢树人 one to 招商一组's leader due in two days (yellow), and one
on another group's project closed on time. Made through the services, then moved back in time like the
rest of the demo. Known by their text: running the seed again adds nothing."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from projects.models import Project
from supervision import services
from supervision.models import SupervisionNote, SupervisionOrder

DIRECTOR, DEPUTY = "maxiang", "xieshuren"
# (owner's username or None for another group's project, issued by, to the leader?, text, days ago issued,
#  days from issue to due, closed after days or None)
ORDERS = [
    ("xulei", DIRECTOR, False, "本周内落实供地方案并报分管领导，明确用地指标和挂牌时间。", 20, 14, None),
    ("xulei", DEPUTY, True, "协调环评预审，月底前向企业反馈结论。", 10, 12, None),
    (None, DIRECTOR, False, "完成投资协议文本会签，报主任办公会审议。", 30, 15, 9),
]  # fmt: skip


def _shift(order: SupervisionOrder, days_ago: int, due_after: int, closed_after: int | None) -> None:
    now, today = timezone.now(), timezone.localdate()
    issued = today - timedelta(days=days_ago)
    fields = {"issued_on": issued, "due_on": issued + timedelta(days=due_after),
              "created_at": now - timedelta(days=days_ago)}  # fmt: skip
    if closed_after is not None:
        fields |= {"closed_at": now - timedelta(days=days_ago - closed_after),
                   "closed_on_time": closed_after <= due_after}  # fmt: skip
    SupervisionOrder.objects.filter(pk=order.pk).update(**fields)
    for step, note in enumerate(order.notes.order_by("pk")):
        when = now - timedelta(days=days_ago - step * 2)
        if closed_after is not None and note.kind == SupervisionNote.Kind.CLOSED:
            when = fields["closed_at"]
        SupervisionNote.objects.filter(pk=note.pk).update(created_at=when)


@transaction.atomic
def seed_demo_supervision() -> int:
    people = {user.username: user for user in User.objects.filter(username__in=[DIRECTOR, DEPUTY, "xulei"])}
    active = Project.objects.filter(status=Project.Status.ACTIVE).select_related("owner", "owner_team__leader")
    for owner, issuer, to_leader, text, days_ago, due_after, closed_after in ORDERS:
        if SupervisionOrder.objects.filter(required=text).exists() or issuer not in people:
            continue
        projects = active.filter(owner__username=owner) if owner else active.exclude(owner__username="xulei")
        project = projects.order_by("pk").first()
        if project is None:
            continue
        candidates = services.responsible_candidates(project)
        responsible = candidates[-1] if to_leader else candidates[0]
        order = services.order_issue(actor=people[issuer], project=project, required=text, responsible=responsible,
                                     due_on=timezone.localdate() + timedelta(days=due_after))  # fmt: skip
        if closed_after is not None or to_leader:
            order = services.order_acknowledge(actor=responsible, order=order)
        if closed_after is not None:
            order = services.order_report(actor=responsible, order=order, text="文本已完成法务审核。")
            order = services.order_close(actor=people[issuer], order=order, note="已上会审议通过。")
        _shift(order, days_ago, due_after, closed_after)
    return SupervisionOrder.objects.count()

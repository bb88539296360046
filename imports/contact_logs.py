"""Importing contact logs (洽谈/跟进记录): each row names a project the importer may see (the investor tells
two projects of one name apart) and is written through activities' `contact_log_create` — the service of
the 记一笔 dialog — so who may log on which project and the date bounds (nothing before 2000, nothing more
than a day ahead) are the dialog's. A 下次跟进日期 becomes the log's follow-up, as in the dialog (titled by
the next step, else by the content). A row matching a log of the same project, time, channel and text is
unchanged; logs are never updated by import (a log is its author's to change for 24 hours only)."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import services as activity_services
from activities.models import Channel, ContactLog
from crm import selectors as crm_selectors
from imports.columns import Column, map_headers, parse_date
from imports.engine import Action, RowResult
from imports.rowtools import cells_by_field, choice_lookup, lookup_choice, named_by_column, parse_datetime
from projects import selectors as project_selectors
from projects.models import Project

COLUMNS = (
    Column("project", "项目名称", ("项目", "名称", "project name", "project"), required=True),
    Column("company_name", "投资方", ("企业名称", "公司名称", "投资主体", "investor", "company")),
    Column("occurred_at", "日期", ("时间", "日期时间", "洽谈时间", "洽谈日期", "跟进日期", "联系时间", "date", "when")),
    Column("channel", "方式", ("洽谈方式", "跟进方式", "沟通方式", "接洽方式", "形式", "channel"), required=True),
    Column("summary", "内容", ("纪要", "洽谈内容", "跟进内容", "洽谈纪要", "会议纪要", "summary"), required=True),
    Column("outcome", "结果", ("成果", "洽谈结果", "outcome")),
    Column("next_step", "下一步", ("下步工作", "下一步工作", "下一步计划", "next step")),
    Column("follow_up_due_date", "下次跟进日期", ("下次跟进", "下次跟进时间", "下次联系日期", "next follow-up")),
)
CHANNEL_SYNONYMS = {
    "视频": Channel.VIDEO, "视频会议": Channel.VIDEO, "视频洽谈": Channel.VIDEO, "视频连线": Channel.VIDEO,
    "video": Channel.VIDEO, "电话沟通": Channel.PHONE, "电话洽谈": Channel.PHONE, "通话": Channel.PHONE,
    "phone": Channel.PHONE, "微信沟通": Channel.WECHAT, "微信联系": Channel.WECHAT, "拜访": Channel.VISIT,
    "上门拜访": Channel.VISIT, "外出": Channel.VISIT, "外出招商": Channel.VISIT, "走访": Channel.VISIT,
    "接待": Channel.RECEPTION, "来访": Channel.RECEPTION, "客商来访": Channel.RECEPTION, "考察": Channel.SITE_VISIT,
    "现场考察": Channel.SITE_VISIT, "来园考察": Channel.SITE_VISIT, "邮箱": Channel.EMAIL, "电子邮件": Channel.EMAIL,
    "e-mail": Channel.EMAIL, "座谈": Channel.MEETING, "会谈": Channel.MEETING, "洽谈会": Channel.MEETING,
}  # fmt: skip


class ContactLogRows:
    def __init__(self, *, actor: User, headers: list[str], source: str):
        self.actor = actor
        self.source = source
        self.columns = map_headers(headers, COLUMNS)
        self.channels = choice_lookup(Channel.choices, CHANNEL_SYNONYMS)
        self._projects: dict[tuple[str, str], Project] = {}

    def __call__(self, cells: list[str]) -> RowResult:
        raw = cells_by_field(self.columns, cells)
        fields, errors = self._fields(raw)
        project = self._project(raw.get("project", ""), raw.get("company_name", ""), errors)
        if errors:
            raise ValidationError(errors)
        duplicate = (
            ContactLog.objects.visible()
            .filter(project=project, occurred_at=fields["occurred_at"], channel=fields["channel"])
            .filter(summary=fields["summary"])
            .first()
        )
        if duplicate is not None:
            return _result(Action.UNCHANGED, duplicate, project)
        try:
            log = activity_services.contact_log_create(
                actor=self.actor, project=project, change_reason=self.source, **fields
            )
        except ValidationError as error:
            raise named_by_column(error, COLUMNS) from error
        return _result(Action.CREATE, log, project)

    def _fields(self, raw: dict[str, str]) -> tuple[dict, dict]:
        fields: dict = {key: raw.get(key, "") for key in ("summary", "outcome", "next_step")}
        errors: dict = {}
        if not fields["summary"]:
            errors["summary"] = _("The content (内容) is empty.")
        channel = lookup_choice(self.channels, raw.get("channel", ""))
        if channel is None:
            message = _("“%(value)s” is not a way of contact; write 视频, 电话, 微信, 拜访, 接待 or 考察.")
            errors["channel"] = message % {"value": raw.get("channel", "")}
        fields["channel"] = channel
        try:
            fields["occurred_at"] = parse_datetime(raw.get("occurred_at", ""))
        except ValueError:
            errors["occurred_at"] = _("“%(value)s” is not a date.") % {"value": raw["occurred_at"]}
        if fields.get("occurred_at") is None and "occurred_at" not in errors:
            errors["occurred_at"] = _("The date (日期) is empty.")
        if raw.get("follow_up_due_date"):
            try:
                fields["follow_up_due_date"] = parse_date(raw["follow_up_due_date"])
            except ValueError:
                errors["follow_up_due_date"] = _("“%(value)s” is not a date.") % {"value": raw["follow_up_due_date"]}
            if not fields["next_step"]:  # a ledger often has the date alone: the follow-up says what it follows
                fields["follow_up_title"] = (_("Follow up: %(summary)s") % {"summary": fields["summary"]})[:200]
        return fields, errors

    def _project(self, name: str, company_name: str, errors: dict) -> Project | None:
        if not name:
            errors["project"] = _("The project name (项目名称) is empty.")
            return None
        key = (name, company_name)
        if key not in self._projects:
            projects = project_selectors.project_list_for_user(self.actor).filter(name=name)
            if company_name:
                projects = projects.filter(company__in=crm_selectors.companies_matching(name=company_name))
            found = list(projects.order_by("pk")[:2])
            if not found:
                errors["project"] = _("There is no project “%(name)s” you can see.") % {"name": name}
                return None
            if len(found) > 1:
                errors["project"] = _("Several projects are named “%(name)s”; add the investor (投资方).") % {
                    "name": name
                }
                return None
            self._projects[key] = found[0]
        return self._projects[key]


def _result(action: str, log: ContactLog, project: Project) -> RowResult:
    label = f"{project.name} · {timezone.localtime(log.occurred_at):%Y-%m-%d %H:%M} · {log.get_channel_display()}"
    return RowResult(number=0, action=action, label=label, object_id=log.pk)

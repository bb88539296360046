"""Importing projects: a row becomes a project through projects' services — the investor found or created
by `project_create_for_investor` (so 报备/撞单 refuses another group's investor exactly as the form does), the
group by its name, the owner by display name; matched by project name within the investor for re-imports."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from crm import selectors as crm_selectors
from imports.columns import Column, map_headers, parse_amount, parse_date
from imports.engine import Action, RowResult
from projects import selectors as project_selectors
from projects import services as project_services
from teams.models import Membership, Team
from teams.permissions import DIRECTOR_ROLES, role_of, team_id_of

COLUMNS = (
    Column("name", "项目名称", ("名称", "项目", "project name", "project"), required=True),
    Column("company_name", "投资方", ("企业名称", "投资主体", "公司名称", "investor", "company"), required=True),
    Column("credit_code", "统一社会信用代码", ("信用代码", "credit code")),
    Column("team", "所属小组", ("小组", "负责小组", "group")),
    Column("owner", "负责人", ("项目负责人", "招商人员", "owner")),
    Column("planned_investment", "总投资（万元）", ("投资额", "计划投资", "计划总投资", "总投资")),
    Column("fixed_asset_investment", "固定资产投资（万元）", ("固定资产投资", "固投")),
    Column("product", "产品", ("建设内容", "主要产品", "product")),
    Column("expected_signing_date", "预计签约日期", ("预计签约", "签约时间")),
    Column("planned_construction_date", "计划开工日期", ("计划开工", "开工时间")),
)
AMOUNTS = ("planned_investment", "fixed_asset_investment")
DATES = ("expected_signing_date", "planned_construction_date")


class ProjectRows:
    def __init__(self, *, actor: User, headers: list[str], source: str):
        self.actor = actor
        self.source = source  # "imported from <file> by <person>", written into the project's history
        self.columns = map_headers(headers, COLUMNS)
        self.teams = {team.name: team for team in Team.objects.filter(is_active=True)}

    def _fields(self, cells: list[str]) -> dict:
        raw = {name: cells[index] for name, (index, _factor) in self.columns.items()}
        fields, errors = {}, {}
        for name, (index, factor) in self.columns.items():
            text = cells[index]
            try:
                if name in AMOUNTS:
                    value = parse_amount(text, factor)
                    if value is not None:
                        fields[name] = value
                elif name in DATES:
                    value = parse_date(text)
                    if value is not None:
                        fields[name] = value
                elif name not in ("team", "owner"):
                    fields[name] = text
            except ValueError:
                errors[name] = (
                    _("“%(value)s” is not a number.") if name in AMOUNTS else _("“%(value)s” is not a date.")
                ) % {"value": text}
        if raw.get("team"):
            team = self.teams.get(raw["team"])
            if team is None:
                errors["owner_team"] = _("There is no group “%(name)s”.") % {"name": raw["team"]}
            elif role_of(self.actor) not in DIRECTOR_ROLES and team.pk != team_id_of(self.actor):
                errors["owner_team"] = _("You can only import projects of your own group.")
            fields["owner_team"] = team
        if raw.get("owner"):
            member = (
                Membership.objects.filter(display_name=raw["owner"], user__is_active=True)
                .select_related("user")
                .first()
            )
            if member is None:
                errors["owner"] = _("There is no active member “%(name)s”.") % {"name": raw["owner"]}
            else:
                fields["owner"] = member.user
        if errors:
            raise ValidationError(errors)
        return fields

    def label(self, cells: list[str]) -> str:
        name = self.columns.get("name")
        return cells[name[0]] if name else ""

    def __call__(self, cells: list[str]) -> RowResult:
        fields = self._fields(cells)
        name, company_name = fields.pop("name", ""), fields.pop("company_name", "")
        credit_code = fields.pop("credit_code", "")
        existing = self._existing(name, company_name, credit_code)
        if existing is None:
            project = project_services.project_create_for_investor(
                actor=self.actor,
                company_name=company_name,
                credit_code=credit_code,
                name=name,
                source=self.source,
                change_reason=self.source,
                **fields,
            )
            return RowResult(number=0, action=Action.CREATE, label=project.name, object_id=project.pk)
        fields.pop("owner_team", None)
        changes = {key: value for key, value in fields.items() if getattr(existing, key) != value}
        if not changes:
            return RowResult(number=0, action=Action.UNCHANGED, label=existing.name, object_id=existing.pk)
        project = project_services.project_update(
            actor=self.actor, project=existing, version=existing.version, change_reason=self.source, **changes
        )
        return RowResult(number=0, action=Action.UPDATE, label=project.name, object_id=project.pk)

    def _existing(self, name: str, company_name: str, credit_code: str):
        company = None
        if credit_code:
            company = crm_selectors.companies_matching(credit_code=credit_code).first()
        company = company or crm_selectors.companies_matching(name=company_name).first()
        if company is None:
            return None
        # only what the importer may see: another group's project is not matched (its investor's 报备
        # then refuses the row, as the form would)
        return project_selectors.project_list_for_user(self.actor).filter(company=company, name=name).first()

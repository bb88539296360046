"""Importing companies: a row becomes a company through crm's services, matched by credit code or
normalised name (the same rule the company form uses to refuse a duplicate)."""

from django.contrib.auth.models import User

from crm import selectors as crm_selectors
from crm import services as crm_services
from crm.identity import normalize_credit_code
from imports.columns import Column, map_headers
from imports.engine import Action, RowResult

# The template's headers are Chinese in either UI language (the ledgers are); English ones are synonyms.
COLUMNS = (
    Column(
        "name", "企业名称", ("名称", "公司名称", "企业", "投资方", "投资主体", "company name", "company"), required=True
    ),
    Column("credit_code", "统一社会信用代码", ("信用代码", "社会信用代码", "统一信用代码", "credit code")),
    Column("province", "省份", ("省", "province")),
    Column("city", "城市", ("市", "所在城市", "city")),
    Column("industry", "行业", ("所属行业", "产业", "industry")),
    Column("website", "网站", ("官网", "website")),
    Column("notes", "备注", ("说明", "notes")),
)
FIELDS = tuple(column.field for column in COLUMNS)


class CompanyRows:
    """Turns the cells of one row into a company write; built once per file from its header row."""

    def __init__(self, *, actor: User, headers: list[str], source: str = ""):
        self.actor = actor
        self.source = source  # "imported from <file> by <person>", written into the company's history
        self.columns = map_headers(headers, COLUMNS)

    def fields(self, cells: list[str]) -> dict[str, str]:
        return {name: cells[index] for name, (index, _factor) in self.columns.items()}

    def label(self, cells: list[str]) -> str:
        return self.fields(cells).get("name", "")

    def __call__(self, cells: list[str]) -> RowResult:
        fields = self.fields(cells)
        name = fields.get("name", "")
        code = normalize_credit_code(fields.get("credit_code", ""))
        existing = None
        if code:
            existing = crm_selectors.companies_matching(credit_code=code).first()
        existing = existing or crm_selectors.companies_matching(name=name).first()
        if existing is None:
            company = crm_services.company_create(actor=self.actor, change_reason=self.source, **fields)
            return RowResult(number=0, action=Action.CREATE, label=company.name, object_id=company.pk)
        changes = {
            key: value for key, value in fields.items() if value and key != "name" and _differs(existing, key, value)
        }
        if not changes:
            return RowResult(number=0, action=Action.UNCHANGED, label=existing.name, object_id=existing.pk)
        company = crm_services.company_update(actor=self.actor, company=existing, change_reason=self.source, **changes)
        return RowResult(number=0, action=Action.UPDATE, label=company.name, object_id=company.pk)


def _differs(company, key: str, value: str) -> bool:
    current = getattr(company, key) or ""
    if key == "credit_code":
        return normalize_credit_code(value) != current
    return str(current) != value

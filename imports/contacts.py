"""Importing contact persons: each row names its company (by name or credit code — it must exist, and the
importer must be allowed to see its contacts, as on the company page) and is written through crm's contact
services, which normalise and check the phone as the form does. Matched within the company by name, or by
mobile number (a landline is often a switchboard several people share), so a re-import is unchanged."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from core.validators import MOBILE_RE, normalize_phone
from crm import permissions as crm_permissions
from crm import selectors as crm_selectors
from crm import services as crm_services
from crm.identity import normalize_credit_code
from crm.models import Company, Contact
from imports.columns import Column, map_headers
from imports.engine import Action, RowResult
from imports.rowtools import cells_by_field, named_by_column

COLUMNS = (
    Column("company_name", "企业名称", ("公司名称", "企业", "投资方", "单位", "所在单位", "company name", "company")),
    Column("credit_code", "统一社会信用代码", ("信用代码", "社会信用代码", "credit code")),
    Column("name", "姓名", ("联系人", "联系人姓名", "名字", "name", "contact"), required=True),
    Column("title", "职务", ("职位", "头衔", "title", "position")),
    Column("phone", "手机", ("电话", "手机/电话", "手机号", "手机号码", "联系电话", "电话号码", "phone", "mobile")),
    Column("wechat_id", "微信", ("微信号", "wechat", "wechat id")),
    Column("email", "邮箱", ("电子邮箱", "邮件", "e-mail", "email")),
    Column("notes", "备注", ("说明", "notes")),
)
CONTACT_FIELDS = ("name", "title", "phone", "wechat_id", "email", "notes")


class ContactRows:
    def __init__(self, *, actor: User, headers: list[str], source: str):
        self.actor = actor
        self.source = source
        self.columns = map_headers(headers, COLUMNS)
        self._companies: dict[tuple[str, str], Company | None] = {}

    def __call__(self, cells: list[str]) -> RowResult:
        raw = cells_by_field(self.columns, cells)
        company = self._company(raw.get("company_name", ""), raw.get("credit_code", ""))
        fields = {key: raw[key] for key in CONTACT_FIELDS if raw.get(key)}
        if not fields.get("name"):
            raise ValidationError(_("The name (姓名) is empty."))
        existing = self._existing(company, fields)
        try:
            if existing is None:
                contact = crm_services.contact_create(
                    actor=self.actor, company=company, change_reason=self.source, **fields
                )
                return _result(Action.CREATE, contact)
            changes = {key: value for key, value in fields.items() if _differs(existing, key, value)}
            if not changes:
                return _result(Action.UNCHANGED, existing)
            contact = crm_services.contact_update(
                actor=self.actor, contact=existing, change_reason=self.source, **changes
            )
        except ValidationError as error:
            raise named_by_column(error, COLUMNS) from error
        return _result(Action.UPDATE, contact)

    def _company(self, name: str, credit_code: str) -> Company:
        if not name and not credit_code:
            raise ValidationError(_("Name the company (企业名称 or 统一社会信用代码)."))
        key = (name, normalize_credit_code(credit_code))
        if key not in self._companies:
            company = None
            if key[1]:
                company = crm_selectors.companies_matching(credit_code=key[1]).first()
            if company is None and name:
                company = crm_selectors.companies_matching(name=name).first()
            self._companies[key] = company
        company = self._companies[key]
        if company is None:
            raise ValidationError(
                _("There is no company “%(name)s”; import or create it first.") % {"name": name or credit_code}
            )
        if not crm_permissions.can_view_company_contacts(self.actor, company):
            raise PermissionDenied(
                _("Your group does not hold %(company)s: its contacts are kept by the groups holding it.")
                % {"company": company.name}
            )
        return company

    def _existing(self, company: Company, fields: dict) -> Contact | None:
        contacts = Contact.objects.filter(company=company)
        found = contacts.filter(name=fields["name"]).order_by("pk").first()
        phone = normalize_phone(fields.get("phone", ""))
        if found is None and MOBILE_RE.match(phone):
            found = contacts.filter(phone=phone).order_by("pk").first()
        return found


def _differs(contact: Contact, key: str, value: str) -> bool:
    if key == "phone":
        return normalize_phone(value) != contact.phone
    return (getattr(contact, key) or "") != value


def _result(action: str, contact: Contact) -> RowResult:
    return RowResult(number=0, action=action, label=f"{contact.company.name} · {contact}", object_id=contact.pk)

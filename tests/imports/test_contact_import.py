"""Importing contact persons: the company must exist and its contacts be visible to the importer; phones
are checked and normalised as on the form; matched by name or mobile number, so a re-import is unchanged."""

import pytest

from crm.models import Contact
from crm.services import registration_create
from imports import engine
from imports.contacts import ContactRows
from imports.kinds import KINDS
from imports.reading import read_ledger
from teams.models import Membership
from tests.factories import make_member, valid_credit_code
from tests.projects.builders import make_company

HEADERS = "企业名称,姓名,职务,手机/电话,微信,邮箱,备注\n"


def _run(actor, text: str, *, commit=True, valid_only=False, encoding="gbk"):
    sheet = read_ledger("联系人.csv", text.encode(encoding))
    rows = ContactRows(actor=actor, headers=sheet.headers, source="imported from 联系人.csv by 王帅")
    return engine.run(zip(sheet.numbers, sheet.rows, strict=True), rows, commit=commit, valid_only=valid_only)


@pytest.fixture
def holder(db):
    """A recruiter whose group holds 扬州智能底盘 (so may keep its contacts)."""
    member = make_member(Membership.Role.RECRUITER, display_name="王帅")
    company = make_company("扬州智能底盘有限公司", credit_code=valid_credit_code(31))
    registration_create(actor=member.user, company=company)
    return member.user, company


def test_rows_create_contacts_with_the_phone_normalised(holder):
    user, company = holder
    text = HEADERS + "扬州智能底盘有限公司,刘建国,总经理,+86 138-1234-5678,liu_yz,liu@example.com,董事长助理\n"
    text += "扬州智能底盘有限公司,王董,董事长,0514-87654321,,,\n"
    result = _run(user, text)
    assert result.committed and [row.action for row in result.rows] == ["create", "create"]
    liu = Contact.objects.get(company=company, name="刘建国")
    assert (liu.title, liu.phone, liu.wechat_id, liu.email, liu.notes) == (
        "总经理", "13812345678", "liu_yz", "liu@example.com", "董事长助理",
    )  # fmt: skip
    assert Contact.objects.get(name="王董").phone == "0514-87654321"


def test_the_company_is_found_by_credit_code_too(holder):
    user, company = holder
    text = f"统一社会信用代码,联系人,电话\n{valid_credit_code(31).lower()},刘总,13812345678\n"
    result = _run(user, text)
    assert result.committed and Contact.objects.get(name="刘总").company == company


def test_reimport_is_unchanged_and_a_changed_cell_updates(holder):
    user, company = holder
    text = HEADERS + "扬州智能底盘有限公司,刘建国,总经理,13812345678,,,\n"
    _run(user, text)
    assert [row.action for row in _run(user, text).rows] == ["unchanged"]
    # the same mobile number under a fuller name is the same person
    renamed = HEADERS + "扬州智能底盘有限公司,刘建国总,总裁,138 1234 5678,,,\n"
    result = _run(user, renamed)
    assert [row.action for row in result.rows] == ["update"]
    contact = Contact.objects.get(company=company)
    assert (contact.name, contact.title) == ("刘建国总", "总裁")


def test_a_shared_landline_does_not_merge_two_people(holder):
    user, company = holder
    text = HEADERS + "扬州智能底盘有限公司,刘总,,0514-87654321,,,\n扬州智能底盘有限公司,王总,,0514-87654321,,,\n"
    assert [row.action for row in _run(user, text).rows] == ["create", "create"]
    assert company.contacts.count() == 2


def test_unknown_company_bad_phone_and_email_are_named(holder):
    user, _company = holder
    text = HEADERS + "不存在的有限公司,张三,,13812345678,,,\n"
    text += "扬州智能底盘有限公司,李四,,12345,,,\n"
    text += "扬州智能底盘有限公司,赵五,,,,not-an-email,\n"
    text += "扬州智能底盘有限公司,,,13812345678,,,\n"
    result = _run(user, text, commit=False)
    reasons = [row.reason for row in result.errors]
    assert len(reasons) == 4
    assert "不存在的有限公司" in reasons[0]
    assert reasons[1].startswith("手机:")
    assert reasons[2].startswith("邮箱:")
    assert "姓名" in reasons[3]
    assert not Contact.objects.exists()


def test_contacts_of_an_investor_another_group_holds_are_refused(holder):
    _user, _company = holder
    outsider = make_member(Membership.Role.RECRUITER).user
    text = HEADERS + "扬州智能底盘有限公司,刘建国,总经理,13812345678,,,\n"
    result = _run(outsider, text, valid_only=True)
    assert result.errors and "扬州智能底盘有限公司" in result.errors[0].reason
    assert not Contact.objects.exists()


def test_leadership_may_import_any_companys_contacts(holder):
    _user, company = holder
    director = make_member(Membership.Role.DIRECTOR).user
    result = _run(director, HEADERS + "扬州智能底盘有限公司,刘建国,总经理,13812345678,,,\n", encoding="utf-8-sig")
    assert result.committed and company.contacts.count() == 1


def test_the_template_example_fits_the_columns():
    kind = KINDS["contacts"]
    assert len(kind.example) == len(kind.columns)

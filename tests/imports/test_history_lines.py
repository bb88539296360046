"""Every record an import creates or changes says so in its history — "imported from <file> by <person>" —
and the company and project pages show that line with the change."""

import pytest
from django.test import Client
from django.urls import reverse

from crm.models import Company, Contact
from crm.services import company_update, contact_update, registration_create
from imports import engine
from imports.kinds import KINDS
from imports.reading import read_ledger
from projects.models import Project
from projects.selectors import project_field_history
from teams.models import Membership
from tests.factories import make_member, valid_credit_code

SOURCE = "imported from 台账.csv by 王帅"


def _run(kind: str, actor, text: str):
    sheet = read_ledger("台账.csv", text.encode("gbk"))
    writer = KINDS[kind].writer(actor, sheet.headers, SOURCE)
    result = engine.run(zip(sheet.numbers, sheet.rows, strict=True), writer, commit=True)
    assert result.committed, result.errors
    return result


@pytest.fixture
def recruiter(db):
    return make_member(Membership.Role.RECRUITER, display_name="王帅")


def _page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_imported_and_then_reimported_company_carries_the_line(recruiter):
    code = valid_credit_code(41)
    _run("companies", recruiter.user, f"企业名称,统一社会信用代码,城市\n扬州智能底盘有限公司,{code},扬州\n")
    _run("companies", recruiter.user, f"企业名称,统一社会信用代码,城市\n扬州智能底盘有限公司,{code},仪征\n")
    company = Company.objects.get()
    records = list(company.history.order_by("history_date"))
    assert [(r.history_type, r.history_change_reason, r.history_user) for r in records] == [
        ("+", SOURCE, recruiter.user),
        ("~", SOURCE, recruiter.user),
    ]
    html = _page(recruiter.user, reverse("crm:company_detail", args=[company.pk]))
    assert html.count(SOURCE) == 2 and "王帅" in html


def test_imported_contacts_carry_the_line_and_show_on_the_company_page_to_their_keepers(recruiter):
    _run("companies", recruiter.user, "企业名称\n扬州智能底盘有限公司\n")
    company = Company.objects.get()
    registration_create(actor=recruiter.user, company=company)
    _run("contacts", recruiter.user, "企业名称,姓名,手机\n扬州智能底盘有限公司,刘建国,13812345678\n")
    contact = Contact.objects.get()
    assert contact.history.get().history_change_reason == SOURCE
    html = _page(recruiter.user, reverse("crm:company_detail", args=[company.pk]))
    assert "刘建国" in html.split('id="company-history"')[1]
    # another group sees the company's basics and their history, not the contact person
    other = make_member(Membership.Role.RECRUITER).user
    html = _page(other, reverse("crm:company_detail", args=[company.pk]))
    assert "刘建国" not in html and SOURCE in html


def test_a_hand_edit_has_no_reason_and_the_page_lists_ten_changes_at_most(recruiter):
    _run("companies", recruiter.user, "企业名称\n扬州智能底盘有限公司\n")
    company = Company.objects.get()
    for number in range(12):
        company = company_update(actor=recruiter.user, company=company, notes=f"第{number}次")
    assert company.history.order_by("-history_date").first().history_change_reason is None
    html = _page(recruiter.user, reverse("crm:company_detail", args=[company.pk]))
    history = html.split('id="company-history-list"')[1].split("</ol>")[0]
    assert history.count("<li") == 10 and SOURCE not in history


def test_a_project_reimported_with_changes_shows_the_line_in_its_field_history(recruiter):
    header = "项目名称,投资方,总投资（万元）\n"
    _run("projects", recruiter.user, header + "粉末冶金零件,江苏粉末冶金有限公司,5000\n")
    project = Project.objects.get()
    assert Company.objects.get().history.get().history_change_reason == SOURCE  # the investor it created
    _run("projects", recruiter.user, header + "粉末冶金零件,江苏粉末冶金有限公司,8000\n")
    change = project_field_history(Project.objects.get())[0]
    assert change["reason"] == SOURCE and change["fields"][0]["new"] == "8000.00"
    html = _page(recruiter.user, reverse("projects:project_detail", args=[project.pk]))
    assert SOURCE in html.split('id="field-history"')[1]


def test_a_contact_edited_by_hand_keeps_the_imports_line_in_the_older_record(recruiter):
    _run("companies", recruiter.user, "企业名称\n扬州智能底盘有限公司\n")
    registration_create(actor=recruiter.user, company=Company.objects.get())
    _run("contacts", recruiter.user, "企业名称,姓名\n扬州智能底盘有限公司,刘总\n")
    contact_update(actor=recruiter.user, contact=Contact.objects.get(), title="总经理")
    reasons = list(
        Contact.objects.get().history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == [SOURCE, None]

"""A recruiter's journey in a real browser: typing a name shows the companies already recorded (htmx),
a new company is saved, registered for the group and given a contact person."""

import pytest

from crm.models import Company, Registration
from teams.models import Membership
from tests.factories import TEST_PASSWORD, CompanyFactory, RegistrationFactory, TeamFactory, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, member: Membership) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_username").fill(member.user.username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.locator("#main-nav").wait_for(state="attached")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_recruiter_sees_near_duplicates_while_typing_then_records_and_registers_a_company(
    browser,  # noqa: F811
    live_server,
    screenshot,  # noqa: F811
    viewport,
):
    held = CompanyFactory(name="扬州恒盛智谷科技有限公司")
    RegistrationFactory(company=held, team=TeamFactory(name="招商一组"))
    recruiter = make_member(Membership.Role.RECRUITER, team=TeamFactory(name="招商二组"))
    context = browser.new_context(locale="en-US", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    _log_in(page, live_server, recruiter)

    page.goto(live_server.url + "/companies/new/")
    page.locator("#id_name").press_sequentially("扬州恒盛智谷科技（中国）")
    suggestions = page.locator("#similar-companies")
    suggestions.wait_for()
    assert "扬州恒盛智谷科技有限公司" in suggestions.inner_text() and "招商一组" in suggestions.inner_text()
    screenshot(page, f"crm-company-suggestions-{viewport['width']}")

    page.locator("#id_name").fill("")
    page.locator("#id_name").press_sequentially("南京新能科技有限公司")
    suggestions.wait_for(state="detached")
    page.locator("#id_credit_code").fill("91320000134776283t")
    page.locator("#company-form button[type=submit]").click()
    page.get_by_text("南京新能科技有限公司 recorded.").wait_for()
    company = Company.objects.get(name="南京新能科技有限公司")
    assert company.credit_code == "91320000134776283T"

    page.locator("#register-form button").click()
    page.locator("#own-registration").wait_for()
    assert Registration.objects.get(company=company).team == recruiter.team
    page.locator("#company-contacts").get_by_role("link", name="Add a contact").click()
    page.locator("#id_name").fill("刘总")
    page.locator("#id_phone").fill("139 1234 5678")
    page.get_by_role("button", name="Save").click()
    page.locator("#contact-table").get_by_text("13912345678").wait_for()
    screenshot(page, f"crm-company-detail-{viewport['width']}")
    context.close()

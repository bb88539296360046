"""The crm pages: who sees what, errors on the forms, the suggestion fragment."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.models import Company, ConflictClaim, Contact, Registration, RegistrationPolicy
from teams.models import Membership
from tests.factories import CompanyFactory, ContactFactory, RegistrationFactory, TeamFactory, make_member

Role = Membership.Role
pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    def _login(member: Membership):
        client.force_login(member.user)
        return client

    return _login


@pytest.fixture
def held_company():
    """An investor held by 招商一组, with a contact person whose phone only its holders may see."""
    company = CompanyFactory(name="扬州恒盛智谷科技有限公司", industry="高端装备")
    registration = RegistrationFactory(company=company, team=TeamFactory(name="招商一组"))
    ContactFactory(company=company, name="刘总", phone="13912345678", wechat_id="liu-wx")
    return registration


def _detail(client, company, **headers) -> str:
    response = client.get(reverse("crm:company_detail", args=[company.pk]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_a_recruiter_sees_the_list_and_the_detail_but_not_the_contacts_of_another_groups_investor(login, held_company):
    client = login(make_member(Role.RECRUITER))
    listing = client.get(reverse("crm:company_list")).content.decode()
    assert "扬州恒盛智谷科技有限公司" in listing and "招商一组" in listing
    page = _detail(client, held_company.company, HTTP_ACCEPT_LANGUAGE="en")
    assert "13912345678" not in page and "liu-wx" not in page
    assert "Contact details are visible to the groups holding this investor" in page
    assert reverse("crm:contact_create", args=[held_company.company.pk]) not in page
    # and the holder is shown with a way to file a claim instead of registering
    assert "Another group holds this investor" in page and 'id="claim-form"' in page
    assert 'id="register-form"' not in page


def test_the_holding_group_and_leadership_see_the_contacts(login, held_company, director_member):
    holder = make_member(Role.RECRUITER, team=held_company.team)
    for member in (holder, director_member):
        page = _detail(login(member), held_company.company)
        assert "13912345678" in page and "liu-wx" in page
        assert reverse("crm:contact_create", args=[held_company.company.pk]) in page


def test_another_group_cannot_open_or_add_contacts_of_an_investor_it_does_not_hold(login, held_company):
    client = login(make_member(Role.RECRUITER))
    contact = held_company.company.contacts.get()
    assert client.get(reverse("crm:contact_edit", args=[contact.pk])).status_code == 404
    response = client.post(reverse("crm:contact_edit", args=[contact.pk]), {"name": "改名", "phone": "13800000000"})
    assert response.status_code == 404
    assert client.get(reverse("crm:contact_create", args=[held_company.company.pk])).status_code == 403
    response = client.post(reverse("crm:contact_create", args=[held_company.company.pk]), {"name": "偷加"})
    assert response.status_code == 403
    assert not Contact.objects.filter(name__in=["改名", "偷加"]).exists()


def test_an_unknown_company_is_404(login, recruiter_member):
    assert login(recruiter_member).get(reverse("crm:company_detail", args=[999999])).status_code == 404


def test_a_recruiter_cannot_open_the_registration_policy_page(login, recruiter_member):
    client = login(recruiter_member)
    assert client.get(reverse("crm:registration_policy")).status_code == 403
    assert client.post(reverse("crm:registration_policy"), {"protection_days": 3}).status_code == 403
    assert RegistrationPolicy.current().protection_days == 180


def test_an_administrator_changes_the_protection_period(login, admin_member):
    client = login(admin_member)
    assert client.get(reverse("crm:registration_policy")).status_code == 200
    response = client.post(reverse("crm:registration_policy"), {"protection_days": 90})
    assert response.status_code == 302 and response.url == reverse("crm:registration_policy")
    assert RegistrationPolicy.current().protection_days == 90
    response = client.post(reverse("crm:registration_policy"), {"protection_days": 0}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "greater than or equal to 1" in response.content.decode()


def test_a_recruiter_records_a_company_and_lands_on_its_page(login, recruiter_member):
    client = login(recruiter_member)
    assert client.get(reverse("crm:company_create")).status_code == 200
    response = client.post(
        reverse("crm:company_create"),
        {"name": "扬州恒盛智谷科技有限公司", "credit_code": "9135 0100 m000 100y 43", "size": "large"},
    )
    company = Company.objects.get()
    assert response.status_code == 302 and response.url == company.get_absolute_url()
    assert company.credit_code == "91350100M000100Y43" and company.size == Company.Size.LARGE


def test_a_bad_credit_code_shows_the_translated_error_on_the_form(login, recruiter_member):
    client = login(recruiter_member)
    response = client.post(
        reverse("crm:company_create"),
        {"name": "扬州恒盛智谷科技有限公司", "credit_code": "91350100M000100Y44"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "its check character does not match" in response.content.decode()
    response = client.post(
        reverse("crm:company_create"),
        {"name": "扬州恒盛智谷科技有限公司", "credit_code": "91350100O000100Y43"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "digits and capital letters except I, O, S, V, Z" in response.content.decode()
    assert not Company.objects.exists()


def test_a_duplicate_is_shown_on_its_field_with_the_existing_company(login, recruiter_member, held_company):
    client = login(recruiter_member)
    response = client.post(
        reverse("crm:company_create"), {"name": "扬州恒盛智谷科技（中国）有限公司"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This company already exists as “扬州恒盛智谷科技有限公司”" in page
    assert 'id="similar-companies"' in page and held_company.company.get_absolute_url() in page
    assert Company.objects.count() == 1


def test_an_administrator_cannot_open_the_new_company_form(login, admin_member):
    assert login(admin_member).get(reverse("crm:company_create")).status_code == 403


def test_the_suggest_endpoint_returns_the_variant_with_its_holding_group(login, recruiter_member, held_company):
    client = login(recruiter_member)
    response = client.get(
        reverse("crm:company_suggest"), {"name": "扬州恒盛智谷科技 (中国) 有限公司"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    fragment = response.content.decode()
    assert response.status_code == 200
    assert "Similar companies already recorded" in fragment
    assert "扬州恒盛智谷科技有限公司" in fragment and "held by 招商一组" in fragment
    assert "<html" not in fragment and "<nav" not in fragment


def test_the_suggest_endpoint_finds_an_exact_credit_code_and_is_empty_when_nothing_matches(
    login, recruiter_member, held_company
):
    client = login(recruiter_member)
    code = held_company.company.credit_code
    fragment = client.get(reverse("crm:company_suggest"), {"name": "", "credit_code": code.lower()}).content.decode()
    assert "扬州恒盛智谷科技有限公司" in fragment
    empty = client.get(reverse("crm:company_suggest"), {"name": "完全不同的名字", "credit_code": ""})
    assert empty.status_code == 200 and empty.content.decode().strip() == ""
    # the edit form leaves the company itself out
    own = client.get(reverse("crm:company_suggest"), {"credit_code": code, "exclude": held_company.company.pk})
    assert own.content.decode().strip() == ""


def test_the_new_company_form_asks_for_suggestions_while_typing(login, recruiter_member):
    page = login(recruiter_member).get(reverse("crm:company_create")).content.decode()
    assert f'hx-get="{reverse("crm:company_suggest")}"' in page
    assert 'hx-trigger="input changed delay:300ms"' in page and 'id="company-suggestions"' in page


def test_a_recruiter_registers_a_free_company_for_the_group(login, recruiter_member):
    company = CompanyFactory()
    client = login(recruiter_member)
    response = client.post(reverse("crm:company_register", args=[company.pk]), follow=True)
    assert response.status_code == 200
    registration = Registration.objects.get(company=company)
    assert registration.team == recruiter_member.team
    page = response.content.decode()
    assert 'id="own-registration"' in page and recruiter_member.team.name in page


def test_registering_a_held_company_shows_an_error_naming_the_holder(login, recruiter_member, held_company):
    client = login(recruiter_member)
    response = client.post(
        reverse("crm:company_register", args=[held_company.company.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert "招商一组 has registered 扬州恒盛智谷科技有限公司" in page
    assert not Registration.objects.filter(team=recruiter_member.team).exists()


def test_a_director_cannot_register_for_a_group(login, director_member):
    company = CompanyFactory()
    assert login(director_member).post(reverse("crm:company_register", args=[company.pk])).status_code == 403
    assert not Registration.objects.exists()


def test_a_group_files_a_conflict_claim_from_the_company_page(login, recruiter_member, held_company):
    client = login(recruiter_member)
    url = reverse("crm:conflict_claim_create", args=[held_company.company.pk])
    empty = client.post(url, {"reason": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
    response = client.post(url, {"reason": "刘总上周先来访的我们组"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    claim = ConflictClaim.objects.get()
    assert claim.claimant_team == recruiter_member.team and claim.holder == held_company
    page = response.content.decode()
    assert "sent to the director" in page and 'id="pending-claim"' in page and 'id="claim-form"' not in page
    again = client.post(url, {"reason": "再来一次"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already has a pending claim" in again.content.decode()
    assert ConflictClaim.objects.count() == 1


def test_the_holding_group_edits_the_company_and_adds_a_contact(login, held_company):
    holder = make_member(Role.RECRUITER, team=held_company.team)
    company = held_company.company
    client = login(holder)
    response = client.post(
        reverse("crm:company_edit", args=[company.pk]),
        {"name": company.name, "credit_code": company.credit_code, "city": "仪征市", "industry": "汽车零部件"},
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.city == "仪征市"
    bad = client.post(
        reverse("crm:contact_create", args=[company.pk]), {"name": "王董", "phone": "12345"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert bad.status_code == 200 and "Enter a mobile number" in bad.content.decode()
    response = client.post(
        reverse("crm:contact_create", args=[company.pk]), {"name": "王董", "title": "董事长", "phone": "0514-87654321"}
    )
    assert response.status_code == 302 and response.url == company.get_absolute_url()
    contact = company.contacts.get(name="王董")
    response = client.post(reverse("crm:contact_edit", args=[contact.pk]), {"name": "王董", "phone": "139 0000 1111"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "13900001111"


def test_another_group_cannot_edit_the_company(login, held_company):
    client = login(make_member(Role.RECRUITER))
    assert client.get(reverse("crm:company_edit", args=[held_company.company.pk])).status_code == 403


def test_expired_registrations_no_longer_hide_contacts(login, held_company):
    Registration.objects.filter(pk=held_company.pk).update(expires_at=timezone.now() - timedelta(days=1))
    page = _detail(login(make_member(Role.RECRUITER, team=held_company.team)), held_company.company)
    assert "13912345678" not in page


def test_the_list_search_and_pages(login, recruiter_member):
    for n in range(35):
        CompanyFactory(name=f"测试{n:02d}号有限公司")
    CompanyFactory(name="扬州恒盛智谷科技有限公司")
    client = login(recruiter_member)
    first = client.get(reverse("crm:company_list")).content.decode()
    assert "1 / 2" in first
    found = client.get(reverse("crm:company_list"), {"q": "恒盛智谷（中国）"}).content.decode()
    assert "扬州恒盛智谷科技有限公司" in found and "测试00号有限公司" not in found

"""Recording companies and contacts: duplicates are refused by credit code and by name variant."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crm import selectors, services
from crm.models import Company, Contact
from teams.models import Membership
from tests.factories import CompanyFactory, RegistrationFactory, make_member

Role = Membership.Role
pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(db) -> Membership:
    return make_member(Role.RECRUITER)


def _create(actor, **fields) -> Company:
    return services.company_create(actor=actor.user, **fields)


def test_a_recruiter_records_a_company_with_a_normalised_code_and_name(recruiter):
    company = _create(recruiter, name="  扬州恒盛智谷科技（中国）有限公司 ", credit_code="９１３５０１００m000100y43")
    company.refresh_from_db()
    assert company.name == "扬州恒盛智谷科技（中国）有限公司"
    assert company.credit_code == "91350100M000100Y43"
    assert company.normalized_name == "扬州恒盛智谷科技"
    assert company.created_by == recruiter.user


def test_a_company_without_a_credit_code_is_stored_with_none(recruiter):
    first = _create(recruiter, name="甲科技有限公司", credit_code="")
    second = _create(recruiter, name="乙科技有限公司", credit_code="  ")
    assert first.credit_code is None and second.credit_code is None


def test_an_invalid_credit_code_is_a_field_error(recruiter):
    with pytest.raises(ValidationError) as refused:
        _create(recruiter, name="扬州恒盛智谷科技有限公司", credit_code="91350100M000100Y44")
    assert "credit_code" in refused.value.error_dict
    assert not Company.objects.exists()


def test_a_duplicate_credit_code_is_refused_on_the_code_field_and_nothing_is_saved(recruiter):
    # given a company recorded with its code
    _create(recruiter, name="扬州恒盛智谷科技有限公司", credit_code="91350100M000100Y43")
    # when someone records another name with the same code (in lower case)
    with pytest.raises(ValidationError) as refused:
        _create(make_member(Role.RECRUITER), name="恒盛智谷", credit_code="91350100m000100y43")
    # then the code field says which company it is, and nothing is saved
    errors = refused.value.message_dict
    assert list(errors) == ["credit_code"]
    assert "扬州恒盛智谷科技有限公司" in errors["credit_code"][0]
    assert Company.objects.count() == 1


@pytest.mark.parametrize(
    "variant", ["扬州恒盛智谷科技（中国）有限公司", "扬州恒盛智谷科技 (中国) 有限公司", "扬州恒盛智谷科技集团"]
)
def test_a_name_variant_is_refused_on_the_name_field_and_nothing_is_saved(recruiter, variant):
    _create(recruiter, name="扬州恒盛智谷科技有限公司", credit_code="")
    with pytest.raises(ValidationError) as refused:
        _create(recruiter, name=variant, credit_code="91110000600037341L")
    assert list(refused.value.message_dict) == ["name"]
    assert Company.objects.count() == 1


def test_editing_a_company_keeps_its_own_name_and_code_but_refuses_another_companys(recruiter):
    mine = _create(recruiter, name="扬州恒盛智谷科技有限公司", credit_code="91350100M000100Y43")
    _create(recruiter, name="北京某某电子有限公司", credit_code="91110000600037341L")
    services.company_update(actor=recruiter.user, company=mine, name="扬州恒盛智谷科技集团", city="扬州市")
    mine.refresh_from_db()
    assert mine.normalized_name == "扬州恒盛智谷科技" and mine.city == "扬州市"
    with pytest.raises(ValidationError) as refused:
        services.company_update(actor=recruiter.user, company=mine, credit_code="91110000600037341L")
    assert list(refused.value.message_dict) == ["credit_code"]
    mine.refresh_from_db()
    assert mine.credit_code == "91350100M000100Y43"


def test_an_administrator_may_not_record_companies(admin_member):
    with pytest.raises(PermissionDenied):
        _create(admin_member, name="甲科技有限公司")


def test_someone_outside_the_holding_group_may_not_edit_a_company():
    company = CompanyFactory()
    RegistrationFactory(company=company)
    with pytest.raises(PermissionDenied):
        services.company_update(actor=make_member(Role.RECRUITER).user, company=company, city="南京市")


def test_suggestions_find_name_variants_abbreviations_and_full_legal_names():
    # given companies stored under a full legal name and under an abbreviation
    full = CompanyFactory(name="扬州恒盛智谷科技有限公司")
    short = CompanyFactory(name="ABC汽车电子")
    CompanyFactory(name="无关的公司")
    # a variant of the legal name, or the start of it, finds the full one
    assert selectors.company_suggestions("扬州恒盛智谷科技（中国）有限公司") == [full]
    assert selectors.company_suggestions("恒盛智谷") == [full]
    # a full legal name typed in full-width letters finds the one stored under its abbreviation
    assert selectors.company_suggestions("南京ＡＢＣ汽车电子（中国）有限公司") == [short]
    # a bare legal form finds nothing
    assert selectors.company_suggestions("有限公司") == []


def test_the_list_search_finds_name_variants_codes_and_industries(recruiter):
    target = CompanyFactory(name="扬州恒盛智谷科技有限公司")
    other = CompanyFactory(name="无关的公司", industry="电子信息")
    user = recruiter.user
    assert list(selectors.company_list_for_user(user, query="扬州恒盛智谷科技（中国）有限公司")) == [target]
    assert list(selectors.company_list_for_user(user, query=target.credit_code.lower())) == [target]
    assert list(selectors.company_list_for_user(user, query="电子信息")) == [other]
    # a bare legal form matches the names that contain it, not every company
    assert list(selectors.company_list_for_user(user, query="有限公司")) == [target]


def test_a_holding_group_adds_a_contact_with_a_normalised_phone():
    company = CompanyFactory()
    registration = RegistrationFactory(company=company)
    contact = services.contact_create(
        actor=registration.registered_by, company=company, name="刘总", title="总经理", phone="+86 139 1234 5678"
    )
    assert contact.phone == "13912345678"
    services.contact_update(actor=registration.registered_by, contact=contact, phone="0514-87654321")
    contact.refresh_from_db()
    assert contact.phone == "0514-87654321"


def test_a_bad_phone_is_a_field_error():
    registration = RegistrationFactory()
    with pytest.raises(ValidationError) as refused:
        services.contact_create(
            actor=registration.registered_by, company=registration.company, name="王董", phone="12345"
        )
    assert "phone" in refused.value.message_dict
    assert not Contact.objects.exists()


def test_another_group_may_not_add_contacts_to_a_company_it_does_not_hold():
    registration = RegistrationFactory()
    with pytest.raises(PermissionDenied):
        services.contact_create(actor=make_member(Role.RECRUITER).user, company=registration.company, name="王董")

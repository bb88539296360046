"""One mobile number belongs to one active person; a second person with a member's name is added only
when the administrator confirms it is someone else."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.validators import normalize_phone
from teams import services
from teams.models import Membership
from tests.factories import TEST_PASSWORD, TeamFactory, make_member

Role = Membership.Role
pytestmark = pytest.mark.django_db


@pytest.fixture
def xulei(db) -> Membership:
    return make_member(Role.RECRUITER, display_name="徐磊", phone="13905140001")


def _create(admin, team, **fields) -> Membership:
    arguments = {"actor": admin.user, "username": "newcomer", "display_name": "林芳", "password": TEST_PASSWORD,
                 "role": Role.RECRUITER, "team": team} | fields  # fmt: skip
    return services.member_create(**arguments)


@pytest.mark.parametrize("spelling", ["13905140001", "139 0514 0001", "139-0514-0001", "+86 139 0514 0001",
                                      "0086-13905140001"])  # fmt: skip
def test_a_mobile_number_another_active_member_has_is_refused_naming_them(admin_member, xulei, spelling):
    users_before = User.objects.count()
    with pytest.raises(ValidationError) as refused:
        _create(admin_member, xulei.team, phone=spelling)
    message = refused.value.message_dict["phone"][0]
    assert "徐磊" in message and xulei.team.name in message and "13905140001" in message
    assert User.objects.count() == users_before  # nothing saved


def test_the_mobile_number_of_a_deactivated_member_may_be_given_again(admin_member, xulei):
    services.member_deactivate(actor=admin_member.user, member=xulei)
    newcomer = _create(admin_member, xulei.team, phone="139-0514-0001")
    assert newcomer.phone == "13905140001"


def test_a_shared_office_landline_is_accepted(admin_member):
    office = make_member(Role.RECRUITER, phone="0514-87654321")
    assert _create(admin_member, office.team, phone="0514-87654321").phone == "0514-87654321"


def test_editing_to_another_members_mobile_is_refused_keeping_ones_own_is_not(admin_member, xulei):
    other = make_member(Role.RECRUITER, display_name="王帅", phone="13805140402")
    fields = {"display_name": "王帅", "wechat_id": "ws", "email": ""}
    with pytest.raises(ValidationError) as refused:
        services.member_update(actor=admin_member.user, member=other, phone="+86 139 0514 0001", **fields)
    assert "徐磊" in refused.value.message_dict["phone"][0]
    other.refresh_from_db()
    assert other.phone == "13805140402"
    services.member_update(actor=admin_member.user, member=other, phone="138 0514 0402", **fields)
    # a duplicate from before the rule does not block editing the rest of a record
    Membership.objects.filter(pk=other.pk).update(phone="13905140001")
    services.member_update(actor=admin_member.user, member=other, phone="13905140001", **fields | {"wechat_id": "w2"})


def test_reactivating_someone_whose_mobile_was_given_away_is_refused(admin_member, xulei):
    services.member_deactivate(actor=admin_member.user, member=xulei)
    _create(admin_member, xulei.team, phone="13905140001")
    with pytest.raises(ValidationError, match="林芳"):
        services.member_reactivate(actor=admin_member.user, member=xulei)


def test_a_namesake_needs_confirming(admin_member, xulei):
    with pytest.raises(ValidationError) as warned:
        _create(admin_member, xulei.team, display_name=" 徐磊 ")
    [warning] = warned.value.error_dict["display_name"]
    assert warning.code == "same_name" and xulei.team.name in warning.message % (warning.params or {})
    assert not Membership.objects.filter(user__username="newcomer").exists()
    _create(admin_member, xulei.team, display_name="徐磊", confirm_same_name=True)
    assert Membership.objects.filter(display_name="徐磊").count() == 2


def test_renaming_to_a_members_name_needs_confirming_keeping_ones_name_does_not(admin_member, xulei):
    other = make_member(Role.RECRUITER, display_name="王帅")
    fields = {"phone": "", "wechat_id": "", "email": ""}
    with pytest.raises(ValidationError) as warned:
        services.member_update(actor=admin_member.user, member=other, display_name="徐磊", **fields)
    assert warned.value.error_dict["display_name"][0].code == "same_name"
    services.member_update(actor=admin_member.user, member=other, display_name="徐磊", confirm_same_name=True,
                           **fields)  # fmt: skip
    services.member_update(actor=admin_member.user, member=other, display_name="徐磊", **fields | {"wechat_id": "x"})


def test_dashed_mobile_numbers_are_stored_as_digits_landlines_keep_their_dash():
    assert normalize_phone("+86 139-0514-0001") == "13905140001"
    assert normalize_phone("0514-87654321") == "0514-87654321"


def _post_new_member(client, team, **fields):
    data = {"username": "xulei2", "display_name": "徐磊", "password": TEST_PASSWORD, "role": Role.RECRUITER,
            "team": team.pk, "phone": "", "wechat_id": "", "email": ""} | fields  # fmt: skip
    return client.post(reverse("teams:member_create"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_the_form_warns_about_a_namesake_and_offers_a_checkbox_to_confirm(client, admin_member, xulei):
    client.force_login(admin_member.user)
    blank = client.get(reverse("teams:member_create")).content.decode()
    assert 'type="checkbox" name="confirm_same_name"' not in blank

    warned = _post_new_member(client, xulei.team)
    page = warned.content.decode()
    assert warned.status_code == 200 and "徐磊" in page and "同名" in page
    assert 'type="checkbox" name="confirm_same_name"' in page
    assert Membership.objects.filter(display_name="徐磊").count() == 1

    confirmed = _post_new_member(client, xulei.team, confirm_same_name="on")
    assert confirmed.status_code == 302
    assert Membership.objects.filter(display_name="徐磊").count() == 2


def test_the_form_refuses_a_taken_mobile_in_chinese(client, admin_member, xulei):
    client.force_login(admin_member.user)
    response = _post_new_member(client, TeamFactory(), display_name="林芳", phone="139 0514 0001")
    page = response.content.decode()
    assert response.status_code == 200 and "徐磊" in page and "已是" in page
    assert not Membership.objects.filter(user__username="xulei2").exists()

"""Passwords made of the center's own words (product, trade, zone) with digits or years are refused."""

import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from core.passwords import CenterWordsPasswordValidator
from teams.demo import DEMO_PASSWORD
from tests.factories import TEST_PASSWORD


@pytest.mark.parametrize(
    "password",
    [
        "juneng2026", "JUNENG2026", "Juneng@2026!", "2026juneng", "聚能2026", "聚能@2026", "ｊｕｎｅｎｇ２０２６",
        "jun3ng2026", "Zhaoshang-2026!", "zhaoshang123456", "招商2026年", "招商中心888", "jn20262026",
        DEMO_PASSWORD, "juneng-demo-2026", "Juneng#2026ab",
    ],
)  # fmt: skip
def test_center_words_with_digits_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        CenterWordsPasswordValidator().validate(password)
    assert refused.value.error_list[0].code == "password_center_words"


@pytest.mark.parametrize(
    "password", ["juneng-lotus-river-88", "Plum-rain-over-Yangzhou-7", TEST_PASSWORD, "correct horse battery", "2026"]
)
def test_passwords_with_words_of_their_own_pass(password):
    CenterWordsPasswordValidator().validate(password)


def test_the_zones_own_words_come_from_the_setting(settings):
    validator = CenterWordsPasswordValidator()
    validator.validate("jiangdu2026")
    settings.CENTER_WORDS = ["Jiangdu", "江都", "JDKFQ"]
    for password in ["Jiangdu2026", "江都-2026", "jdkfq@88888"]:
        with pytest.raises(ValidationError):
            validator.validate(password)


def test_the_message_is_translated_and_names_the_word():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password("Zhaoshang-2026!")
    chinese = " ".join(refused.value.messages)
    assert "zhaoshang" in chinese and "中心" in chinese
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        validate_password("Zhaoshang-2026!")
    assert "center's own words" in " ".join(refused.value.messages)
    with translation.override("zh-hans"):
        assert any("产品" in text for text in password_validators_help_texts())


def test_djangos_own_validators_are_kept():
    for weak in ["short1", "12345678901", "password123"]:
        with pytest.raises(ValidationError):
            validate_password(weak)


@pytest.mark.django_db
def test_changing_ones_password_to_the_product_and_year_is_refused(client, recruiter_member):
    client.force_login(recruiter_member.user)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "juneng2026", "new_password2": "juneng2026"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and "own words" in response.content.decode()
    recruiter_member.user.refresh_from_db()
    assert recruiter_member.user.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_an_administrator_cannot_give_a_member_the_demo_password(client, admin_member, recruiter_member):
    client.force_login(admin_member.user)
    response = client.post(
        reverse("teams:member_set_password", args=[recruiter_member.pk]), {"password": DEMO_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 200 and "own words" in response.content.decode()
    recruiter_member.user.refresh_from_db()
    assert not recruiter_member.user.check_password(DEMO_PASSWORD)

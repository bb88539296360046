"""Password guessing: an account (and, at a higher limit, a client address) is locked after repeated failed
logins for a cool-off time, with a translated message; administrators see and lift locks."""

import logging
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.urls import reverse
from django.utils import timezone

from teams.models import Membership
from tests.factories import TEST_PASSWORD, make_member

pytestmark = pytest.mark.django_db
OFFICE = "10.1.2.3"


def _login(client, username, password, ip=OFFICE, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client, username, times, ip=OFFICE):
    return [_login(client, username, "wrong-guess", ip).status_code for _ in range(times)]


def test_five_failures_lock_the_account_even_with_the_right_password(client, recruiter_member):
    username = recruiter_member.user.username
    assert _fail(client, username, 4) == [200] * 4
    fifth = _login(client, username, "wrong-guess", HTTP_ACCEPT_LANGUAGE="en")
    assert fifth.status_code == 429
    assert "Too many failed logins" in fifth.content.decode()

    response = _login(client, username, TEST_PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert not _logged_in(client)
    page = response.content.decode()
    assert "logging in is locked until" in page and 'name="password"' in page  # the login page, again
    assert f'value="{username}"' in page


def test_the_lock_message_is_chinese_by_default_and_says_when(client, recruiter_member):
    _fail(client, recruiter_member.user.username, 5)
    response = _login(client, recruiter_member.user.username, TEST_PASSWORD)
    until = timezone.localtime(AccessAttempt.objects.get().attempt_time + timedelta(minutes=15))
    page = response.content.decode()
    assert response.status_code == 429
    assert "登录失败次数过多" in page and until.strftime("%H:%M") in page


def test_after_the_cool_off_the_right_password_works(client, recruiter_member):
    _fail(client, recruiter_member.user.username, 5)
    with time_machine.travel(timezone.now() + timedelta(minutes=14)):
        assert _login(client, recruiter_member.user.username, TEST_PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = _login(client, recruiter_member.user.username, TEST_PASSWORD)
        assert response.status_code == 302 and _logged_in(client)


def test_one_persons_typos_do_not_lock_the_office_address(client, recruiter_member, director_member):
    _fail(client, recruiter_member.user.username, 6)
    response = _login(client, director_member.user.username, TEST_PASSWORD)  # same NAT address
    assert response.status_code == 302 and _logged_in(client)


def test_the_account_is_locked_from_every_address(client, recruiter_member):
    for i in range(5):
        _login(client, recruiter_member.user.username, "wrong-guess", ip=f"203.0.113.{i}")
    assert _login(client, recruiter_member.user.username, TEST_PASSWORD, ip="198.51.100.7").status_code == 429


def test_many_accounts_tried_from_one_address_lock_that_address(client, settings, director_member):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for i in range(4):
        _fail(client, f"guess{i}", 2, ip="203.0.113.9")  # 8 failures, none reaching an account's limit
    assert _login(client, director_member.user.username, TEST_PASSWORD, ip="203.0.113.9").status_code == 429
    response = _login(client, director_member.user.username, TEST_PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302 and _logged_in(client)


def test_case_and_spaces_do_not_make_a_new_count(client, recruiter_member):
    username = recruiter_member.user.username
    for variant in [username.upper(), f" {username}", username.title(), f"{username} ", username]:
        _login(client, variant, "wrong-guess")
    assert _login(client, username, TEST_PASSWORD).status_code == 429


def test_a_successful_login_starts_the_accounts_count_again(client, recruiter_member):
    username = recruiter_member.user.username
    _fail(client, username, 4)
    assert _login(client, username, TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    _fail(client, username, 4)
    assert _login(client, username, TEST_PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_the_proxy_saw_counts(client, settings, recruiter_member):
    settings.BEHIND_TLS_PROXY = True
    _login(client, "someone", "wrong-guess", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
    settings.BEHIND_TLS_PROXY = False
    _login(client, "someone", "wrong-guess", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5", "127.0.0.1"}


def test_every_failure_is_logged(client, recruiter_member):
    _fail(client, recruiter_member.user.username, 5)
    logged = list(AccessFailureLog.objects.order_by("attempt_time"))
    assert len(logged) == 5 and {f.ip_address for f in logged} == {OFFICE}
    assert [f.locked_out for f in logged] == [False] * 4 + [True]
    assert "wrong-guess" not in AccessAttempt.objects.get().post_data


# --- the administrators' page ---------------------------------------------------------------------------


def test_admin_sees_the_lock_and_the_failures_and_lifts_it(client, admin_member, recruiter_member, caplog):
    _fail(client, recruiter_member.user.username, 5)
    client.force_login(admin_member.user)
    page = client.get(reverse("teams:lockout_list"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert recruiter_member.display_name in html and "No address is locked." in html
    assert html.count("<code>10.1.2.3</code>") == 5  # the failure log

    with caplog.at_level(logging.WARNING, logger="juneng.security"):
        response = client.post(reverse("teams:lockout_lift"), {"username": recruiter_member.user.username})
    assert response.status_code == 302
    assert f"by {admin_member.user.username}" in caplog.text and recruiter_member.user.username in caplog.text
    assert not AccessAttempt.objects.exists() and AccessFailureLog.objects.count() == 5  # the log stays

    client.logout()
    assert _login(client, recruiter_member.user.username, TEST_PASSWORD).status_code == 302


def test_admin_lifts_an_address_lock(client, settings, admin_member, director_member):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for i in range(3):
        _login(client, f"guess{i}", "wrong-guess")
    client.force_login(admin_member.user)
    assert "<code>10.1.2.3</code>" in client.get(reverse("teams:lockout_list")).content.decode()
    client.post(reverse("teams:lockout_lift"), {"ip_address": OFFICE})
    client.logout()
    assert _login(client, director_member.user.username, TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ({}, "Say which account or which address"),
        ({"username": "x", "ip_address": OFFICE}, "Say which account or which address"),
        ({"ip_address": "not-an-address"}, "valid IPv4 or IPv6"),
        ({"username": "nobody-locked"}, "There is no lock on nobody-locked"),
    ],
)
def test_lifting_nothing_or_garbage_is_refused_with_a_message(client, admin_member, data, complaint):
    client.force_login(admin_member.user)
    response = client.post(reverse("teams:lockout_lift"), data, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert complaint in response.content.decode()


@pytest.mark.parametrize("role", [Membership.Role.RECRUITER, Membership.Role.TEAM_LEADER, Membership.Role.DIRECTOR])
def test_only_administrators_see_or_lift_locks(client, role, recruiter_member):
    _fail(client, recruiter_member.user.username, 5)
    client.force_login(make_member(role).user)
    assert client.get(reverse("teams:lockout_list")).status_code == 403
    response = client.post(reverse("teams:lockout_lift"), {"username": recruiter_member.user.username})
    assert response.status_code == 403
    assert AccessAttempt.objects.exists()


def test_the_test_clients_login_still_works_without_a_request(client, recruiter_member):
    assert client.login(username=recruiter_member.user.username, password=TEST_PASSWORD)

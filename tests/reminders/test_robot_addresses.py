"""Group robot URLs may point only at the providers' https addresses, not anywhere the server reaches."""

import pytest
from django.urls import reverse

from reminders import services
from reminders.models import Delivery, GroupWebhook, Kind, robot_url_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("provider", "url"),
    [
        ("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"),
        ("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc"),
    ],
)
def test_the_providers_addresses_are_accepted(provider, url):
    assert robot_url_error(provider, url) is None


@pytest.mark.parametrize(
    ("provider", "url"),
    [
        ("wecom", "http://127.0.0.1:6379/"),
        ("wecom", "http://169.254.169.254/latest/meta-data/"),
        ("wecom", "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"),  # not https
        ("wecom", "https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send"),
        ("wecom", "https://qyapi.weixin.qq.com@127.0.0.1/"),
        ("wecom", "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send"),
        ("wecom", "https://oapi.dingtalk.com/robot/send"),  # the other provider's host
        ("dingtalk", "https://[::1]/robot/send"),
        ("dingtalk", "https://oapi.dingtalk.com:99999/robot/send"),
        ("dingtalk", "file:///etc/passwd"),
    ],
)
def test_other_addresses_are_refused(provider, url):
    assert robot_url_error(provider, url)


def test_the_admin_form_refuses_an_internal_address_with_the_reason(client, admin_member):
    from tests.factories import TeamFactory

    team = TeamFactory()
    client.force_login(admin_member.user)
    response = client.post(
        reverse("reminders:webhook_edit", args=[team.pk]),
        {"provider": "wecom", "url": "http://127.0.0.1:6379/", "is_active": "on"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200 and not GroupWebhook.objects.exists()
    assert "qyapi.weixin.qq.com" in response.content.decode()


def test_a_deployment_may_allow_its_own_robot_address(settings):
    settings.ROBOT_WEBHOOK_PREFIXES = {"wecom": ["https://robot.zone.example/hooks/"]}
    assert robot_url_error("wecom", "https://robot.zone.example/hooks/send?key=1") is None
    assert robot_url_error("wecom", "https://robot.zone.example/admin/") is not None


def test_a_robot_saved_before_the_check_is_not_posted_to(crew_with_escalation):
    delivery, webhook = crew_with_escalation
    GroupWebhook.objects.filter(pk=webhook.pk).update(url="http://127.0.0.1:6379/")
    assert services.delivery_send(delivery.pk, now=delivery.created_at) == Delivery.Status.GAVE_UP  # no retry
    delivery.refresh_from_db()
    assert "refused robot URL" in delivery.last_error


@pytest.fixture
def crew_with_escalation(crew):
    from datetime import timedelta

    from tests.reminders.test_delivery import NINE, _escalated

    webhook = GroupWebhook.objects.create(
        team=crew["xulei"].team, provider="wecom", url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"
    )
    _escalated(crew)
    delivery = Delivery.objects.get(channel="webhook", kind=Kind.ESCALATION)
    Delivery.objects.filter(pk=delivery.pk).update(created_at=NINE + timedelta(days=3))
    delivery.refresh_from_db()
    return delivery, webhook

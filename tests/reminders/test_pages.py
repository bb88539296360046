import pytest
from django.urls import reverse

from reminders.models import Delivery, GroupWebhook, Notification, ReminderPolicy, ReminderPreference
from teams.models import Membership
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_people_set_their_own_switches_and_quiet_hours(client, crew):
    client.force_login(crew["xulei"].user)
    data = {"in_app_enabled": "on", "quiet_start": "22:00", "quiet_end": "07:00", "muted_kinds": ["daily_digest"]}
    assert client.post(reverse("reminders:preference_edit"), data).status_code == 302
    preference = ReminderPreference.objects.get(user=crew["xulei"].user)
    assert (preference.email_enabled, preference.muted_kinds) == (False, ["daily_digest"])
    assert preference.is_quiet_at(preference.quiet_start) and not preference.is_quiet_at(preference.quiet_end)
    response = client.post(reverse("reminders:preference_edit"), {"quiet_start": "22:00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Give both ends of the quiet hours" in response.content.decode()


@pytest.mark.parametrize("name", ["reminders:policy_edit", "reminders:delivery_list", "reminders:webhook_list"])
def test_only_administrators_reach_the_reminder_administration(client, crew, name):
    for person in (crew["xulei"], crew["leader"], crew["director"]):
        client.force_login(person.user)
        assert client.get(reverse(name)).status_code == 403
    client.force_login(make_member(Membership.Role.ADMIN).user)
    assert client.get(reverse(name)).status_code == 200


def test_admins_see_failures_and_configure_robots(client, crew):
    admin = make_member(Membership.Role.ADMIN)
    Delivery.objects.create(
        kind="due", object_type="follow_up", object_id=1, recipient=crew["xulei"].user, channel="email",
        period="2026-03-05", title="今日到期：回访", status="failed", last_error="SMTPConnectError: refused",
    )  # fmt: skip
    client.force_login(admin.user)
    assert (
        "SMTPConnectError: refused"
        in client.get(reverse("reminders:delivery_list") + "?status=failed").content.decode()
    )
    team = crew["xulei"].team
    url = reverse("reminders:webhook_edit", args=[team.pk])
    client.post(url, {"provider": "dingtalk", "url": "https://oapi.dingtalk.com/robot/send?access_token=x",
                      "secret": "SEC1", "is_active": "on"})  # fmt: skip
    assert GroupWebhook.objects.get(team=team).provider == "dingtalk"
    client.post(reverse("reminders:policy_edit"), {
        "due_time": "09:00", "due_soon_minutes": 45, "escalate_after_days": 2, "stale_after_days": 10,
        "stuck_after_days": 30, "signoff_after_days": 1, "digest_time": "07:30", "weekly_digest_weekday": 1,
    })  # fmt: skip
    assert ReminderPolicy.current().escalate_after_days == 2


def test_notifications_are_private(client, crew):
    mine = Notification.objects.create(recipient=crew["xulei"].user, kind="due", title="今日到期：回访", url="/")
    client.force_login(crew["leader"].user)
    assert "今日到期：回访" not in client.get(reverse("reminders:notification_list")).content.decode()
    client.post(reverse("reminders:notification_read", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.read_at is None

import pytest
from django.urls import reverse
from django.utils import timezone

from core.services import heartbeat_record

pytestmark = pytest.mark.django_db


def test_system_status_is_for_admins_and_shows_the_background_stack(client, admin_member, recruiter_member):
    client.force_login(recruiter_member.user)
    assert client.get(reverse("core:system_status")).status_code == 403
    client.force_login(admin_member.user)
    page = client.get(reverse("core:system_status"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not running" in page
    heartbeat_record(name="beat")
    page = client.get(reverse("core:system_status"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Running" in page and "Not running" not in page


def test_heartbeat_counts_each_run():
    heartbeat_record(name="beat")
    beat = heartbeat_record(name="beat")
    assert beat.count == 2
    assert (timezone.now() - beat.last_seen).total_seconds() < 5


def test_language_switch_turns_the_ui_english(client, recruiter_member):
    client.force_login(recruiter_member.user)
    assert "我的今日" in client.get(reverse("activities:my_day")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("activities:my_day")})
    page = client.get(reverse("activities:my_day")).content.decode()
    assert "My day" in page and "我的今日" not in page

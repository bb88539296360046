"""A follow-up action posted from another page goes back there, never to another site."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("action", ["follow_up_done", "follow_up_snooze", "follow_up_cancel", "follow_up_reschedule"])
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "http://testserver.evil.example/"])
def test_next_pointing_elsewhere_falls_back_to_my_day(client, people, action, target):
    follow_up = services.follow_up_create(
        actor=people["xulei"].user, project=people["chassis"], title="回访", due_date=timezone.localdate()
    )
    client.force_login(people["xulei"].user)
    data = {"next": target, "due_date": timezone.localdate().isoformat()}
    response = client.post(reverse(f"activities:{action}", args=[follow_up.pk]), data)
    assert response.status_code == 302 and response.url == reverse("activities:my_day")


def test_next_on_this_site_is_followed(client, people):
    follow_up = services.follow_up_create(
        actor=people["xulei"].user, project=people["chassis"], title="回访", due_date=timezone.localdate()
    )
    client.force_login(people["xulei"].user)
    back = reverse("activities:follow_up_list") + "?overdue=1"
    response = client.post(reverse("activities:follow_up_snooze", args=[follow_up.pk]), {"next": back})
    assert response.status_code == 302 and response.url == back

"""The follow-up row (activities/rows.py) on My day, the follow-up list and as the answer to its buttons: what it
shows whoever looks, escaped, translated, and the buttons while it is open."""

from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import translation

from activities import rows, services
from activities.models import FollowUp
from tests.projects.builders import make_company

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _follow_up(people, **fields):
    xulei = people["xulei"]
    return FollowUp.objects.create(
        **{"project": people["chassis"], "company": people["chassis"].company, "owner": xulei.user,
           "team": xulei.team, "title": "回访刘总", "due_date": date(2026, 12, 8), "created_by": xulei.user,
           **fields}
    )  # fmt: skip


def test_an_open_row_shows_what_and_when_and_offers_its_buttons(people):
    follow_up = _follow_up(people, due_time=time(9, 30))
    with translation.override("zh-hans"):
        html = rows.follow_up_row(follow_up, people["xulei"].user)
    assert f'id="follow-up-{follow_up.pk}"' in html and "回访刘总" in html
    assert "12-08 09:30 · " in html
    assert f'<a href="{people["chassis"].get_absolute_url()}">汽车用智能底盘和感应门把手项目</a>' in html
    assert "徐磊" not in html  # one's own: no owner named
    for name in ("follow_up_done", "follow_up_snooze", "follow_up_reschedule"):
        assert f'hx-post="{reverse(f"activities:{name}", args=[follow_up.pk])}"' in html
    assert ">完成<" in html and 'name="due_date"' in html and "text-decoration-line-through" not in html
    with translation.override("en"):
        assert ">Done<" in rows.follow_up_row(follow_up, people["xulei"].user)


def test_the_leader_sees_the_owner_and_a_closed_row_has_no_buttons(people):
    follow_up = _follow_up(people)
    services.follow_up_complete(actor=people["xulei"].user, follow_up=follow_up)
    follow_up.refresh_from_db()
    with translation.override("zh-hans"):
        html = rows.follow_up_row(follow_up, people["leader"].user)
    assert "· 徐磊" in html and "text-decoration-line-through" in html
    assert f"<strong>{follow_up.get_status_display()}</strong>" in html
    assert "hx-post" not in html and "<form" not in html


def test_a_company_row_and_stored_markup_are_shown_as_text(people):
    company = make_company("<b>某</b>科技有限公司", created_by=people["xulei"].user)
    follow_up = _follow_up(people, project=None, company=company, title='<script>alert("x")</script>')
    html = rows.follow_up_row(follow_up, people["xulei"].user, error="<i>不行</i>")
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;某&lt;/b&gt;科技有限公司" in html and "<a href" not in html.split("btn-group")[0]
    assert '<div class="small text-danger">&lt;i&gt;不行&lt;/i&gt;</div>' in html


def test_the_buttons_answer_with_the_row_and_my_day_and_the_list_show_it(client, people):
    follow_up = _follow_up(people)
    client.force_login(people["xulei"].user)
    answer = client.post(reverse("activities:follow_up_done", args=[follow_up.pk]), **HTMX).content.decode()
    closed = f'<li class="py-2 border-bottom follow-up text-body-secondary" id="follow-up-{follow_up.pk}"'
    assert answer.startswith(closed)
    assert "hx-post" not in answer
    other = _follow_up(people, title="发送投资协议草案", due_date=date(2026, 12, 1))
    refused = client.post(
        reverse("activities:follow_up_reschedule", args=[other.pk]), {"due_date": "9999-12-31"}, **HTMX
    ).content.decode()
    assert 'class="small text-danger"' in refused and f'id="follow-up-{other.pk}"' in refused
    for url in (reverse("activities:my_day"), reverse("activities:follow_up_list")):
        assert f'id="follow-up-{other.pk}"' in client.get(url).content.decode(), url

"""The activity pages: inline and global logging over htmx, downloads behind the permission check,
query counts that do not grow, and 50 people logging at the same moment."""

import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.models import Attachment, Channel, ContactLog, FollowUp
from teams.models import Membership
from tests.conftest import require_service
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PDF = b"%PDF-1.7\n% minutes of the meeting\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _post_log(client, project, headers=None, **extra):
    data = {"project": project.pk, "channel": "video", "summary": "第五次视频洽谈，对方意向明确", "mode": "inline"}
    return client.post(reverse("activities:contact_log_create"), data | extra, **HTMX, **(headers or {}))


def test_inline_log_returns_a_fresh_form_and_the_new_entry_for_the_timeline(client, people):
    client.force_login(people["xulei"].user)
    response = _post_log(client, people["chassis"], contacts=[people["liu"].pk], next_step="约实地考察",
                         follow_up_due_date=(timezone.localdate() + timedelta(days=2)).isoformat())  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    log = ContactLog.objects.get()
    assert 'hx-swap-oob="afterbegin:#project-timeline"' in page and f'id="log-{log.pk}"' in page
    assert "第五次视频洽谈" in page  # the entry
    assert 'name="summary"' in page and "第五次视频洽谈，对方意向明确</textarea>" not in page  # the form is reset
    assert FollowUp.objects.get().title == "约实地考察"


def test_inline_log_with_errors_keeps_what_was_typed_and_saves_nothing(client, people):
    client.force_login(people["xulei"].user)
    response = _post_log(
        client, people["chassis"], summary="", outcome="对方很积极", headers={"HTTP_ACCEPT_LANGUAGE": "en"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "This field is required." in page
    assert "对方很积极" in page and "hx-swap-oob" not in page
    assert not ContactLog.objects.exists()


def test_global_entry_preselects_the_last_channel_and_finds_projects(client, people):
    xulei = people["xulei"]
    services.contact_log_create(actor=xulei.user, project=people["chassis"], channel=Channel.WECHAT, summary="微信沟通")
    client.force_login(xulei.user)
    form = client.get(reverse("activities:contact_log_create") + "?mode=modal").content.decode()
    assert 'value="wechat" autocomplete="off" checked' in form
    found = client.get(reverse("activities:project_autocomplete") + "?q=底盘").content.decode()
    assert "汽车用智能底盘和感应门把手项目" in found
    assert "UTG柔性玻璃项目" not in client.get(reverse("activities:project_autocomplete") + "?q=UTG").content.decode()


def test_other_groups_projects_cannot_be_logged_on(client, people):
    client.force_login(people["liuyang"].user)
    assert _post_log(client, people["chassis"]).status_code == 404
    assert not ContactLog.objects.exists()


def test_attachment_downloads_only_for_those_who_see_the_log(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    log = services.contact_log_create(
        actor=people["xulei"].user, project=people["chassis"], channel=Channel.RECEPTION, summary="来访接待",
        attachments=[SimpleUploadedFile("洽谈纪要.pdf", PDF)],
    )  # fmt: skip
    attachment = Attachment.objects.get(log=log)
    assert attachment.original_name == "洽谈纪要.pdf" and "洽谈纪要" not in attachment.file.name
    url = reverse("activities:attachment_download", args=[attachment.pk])
    client.force_login(people["lina"].user)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    for outsider in (people["liuyang"], people["other_leader"]):
        client.force_login(outsider.user)
        assert client.get(url).status_code == 404
    services.contact_log_delete(actor=people["xulei"].user, log=log)
    client.force_login(people["lina"].user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_director_restores_a_deleted_log_from_its_page(client, people):
    log = services.contact_log_create(
        actor=people["xulei"].user, project=people["chassis"], channel="phone", summary="x"
    )
    services.contact_log_delete(actor=people["xulei"].user, log=log)
    client.force_login(people["xulei"].user)
    assert client.get(log.get_absolute_url()).status_code == 404
    client.force_login(people["director"].user)
    assert client.post(reverse("activities:contact_log_restore", args=[log.pk])).status_code == 302
    log.refresh_from_db()
    assert not log.is_deleted


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_logs(people, count):
    colleague = people["lina"].user
    for index in range(count):
        log = services.contact_log_create(
            actor=people["xulei"].user, project=people["chassis"], channel=Channel.VIDEO, summary=f"第{index}次",
            contacts=[people["liu"]], participants=[people["xulei"].user, colleague],
            attachments=[SimpleUploadedFile(f"纪要{index}.pdf", PDF)],
            next_step="回访", follow_up_due_date=timezone.localdate() + timedelta(days=index % 3),
        )  # fmt: skip
        if index % 4 == 0:
            services.contact_log_update(actor=people["xulei"].user, log=log, summary=f"改{index}")
        other = make_project(people["xulei"], name=f"冷项目{index}")
        type(other).objects.filter(pk=other.pk).update(created_at=timezone.now() - timedelta(days=30))


@pytest.mark.parametrize("page", ["timeline", "activity", "my_day", "my_day_leader", "activity_filtered"])
def test_page_queries_do_not_grow_with_the_data(client, people, page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = {
        "timeline": reverse("activities:project_activity", args=[people["chassis"].pk]),
        "activity": reverse("activities:activity_list"),
        "activity_filtered": reverse("activities:activity_list") + f"?channel=video&member={people['lina'].user.pk}",
        "my_day": reverse("activities:my_day"),
        "my_day_leader": reverse("activities:my_day"),
    }[page]
    client.force_login((people["leader"] if page == "my_day_leader" else people["xulei"]).user)
    _add_logs(people, 2)
    small = _queries(client, url)
    _add_logs(people, 20)
    assert _queries(client, url) == small


@pytest.mark.django_db(transaction=True)
def test_fifty_logs_posted_at_once_are_all_kept():
    """50 recruiters submit a log at the same moment, each through the whole view stack in its own
    thread and database connection: 50 rows, none lost."""
    require_service(connection.vendor == "postgresql", "needs PostgreSQL (CI runs it)")
    leader = make_member(Membership.Role.TEAM_LEADER)
    people = [make_member(Membership.Role.RECRUITER, team=leader.team) for _ in range(50)]
    project = make_project(leader)
    barrier = threading.Barrier(len(people))
    statuses = []

    def post(person):
        close_old_connections()
        try:
            client = Client()
            client.force_login(person.user)
            barrier.wait()
            statuses.append(_post_log(client, project, channel="phone", summary=f"{person} 电话").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 50
    assert ContactLog.objects.filter(project=project).count() == 50
    assert set(ContactLog.objects.values_list("author", flat=True)) == {p.user.pk for p in people}


def test_follow_up_buttons_answer_htmx_with_the_updated_row(client, people):
    follow_up = services.follow_up_create(
        actor=people["xulei"].user, title="寄送园区政策", due_date=timezone.localdate(), project=people["chassis"]
    )
    client.force_login(people["xulei"].user)
    response = client.post(reverse("activities:follow_up_snooze", args=[follow_up.pk]), **HTMX)
    assert response.status_code == 200 and f'id="follow-up-{follow_up.pk}"' in response.content.decode()
    response = client.post(reverse("activities:follow_up_done", args=[follow_up.pk]), **HTMX)
    assert "text-decoration-line-through" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE and follow_up.snooze_count == 1
    client.force_login(people["liuyang"].user)  # another group: not even told it exists
    assert client.post(reverse("activities:follow_up_cancel", args=[follow_up.pk]), **HTMX).status_code == 404


def test_a_contact_with_a_company_and_no_project_yet(client, people):
    from crm.models import Registration
    from tests.projects.builders import make_company

    prospect = make_company("常州恒锐传动科技有限公司", created_by=people["xulei"].user)
    Registration.objects.create(
        company=prospect, team=people["xulei"].team, registered_by=people["xulei"].user,
        expires_at=timezone.now() + timedelta(days=180),
    )  # fmt: skip
    client.force_login(people["xulei"].user)
    page = client.get(reverse("activities:contact_log_create") + f"?company={prospect.pk}")
    assert page.status_code == 200 and "常州恒锐传动科技有限公司" in page.content.decode()
    response = client.post(
        reverse("activities:contact_log_create"), {"company": prospect.pk, "channel": "phone", "summary": "初次电话"}
    )
    assert response.status_code == 302 and response.url == prospect.get_absolute_url()
    log = ContactLog.objects.get(company=prospect)
    assert log.project is None
    client.force_login(people["liuyang"].user)  # another group does not hold this company
    assert client.get(reverse("activities:contact_log_create") + f"?company={prospect.pk}").status_code == 403
    assert "初次电话" not in client.get(reverse("activities:activity_list")).content.decode()

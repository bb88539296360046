"""The pages: visibility (another group's recruiter gets 404, the responsible always sees theirs), 403s for
the wrong role, form errors translated and nothing lost, My day shows the person's red order first, the
project page links, the dashboard card."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from supervision.models import SupervisionOrder
from tests.supervision.conftest import issue


def client_for(member, language: str = "zh-hans") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(member.user)
    return client


@pytest.fixture
def order(center):
    return issue(center, day=timezone.localdate(), due_on=timezone.localdate() + timedelta(days=10))


def test_another_groups_recruiter_gets_404_and_does_not_see_it_listed(center, order):
    other = client_for(center["liuyang"])
    assert other.get(reverse("supervision:order_detail", args=[order.pk])).status_code == 404
    assert other.post(reverse("supervision:order_acknowledge", args=[order.pk])).status_code == 404
    assert f"supervision-{order.pk}" not in other.get(reverse("supervision:order_list")).content.decode()
    own_group = client_for(center["zhaomin"])
    assert own_group.get(reverse("supervision:order_detail", args=[order.pk])).status_code == 200
    assert f"supervision-{order.pk}" in own_group.get(reverse("supervision:order_list")).content.decode()


def test_the_responsible_sees_it_even_without_seeing_the_project(center):
    order = issue(center, day=timezone.localdate(), due_on=timezone.localdate() + timedelta(days=3),
                  responsible=center["leader"])  # fmt: skip
    # made responsible someone of another group, who does not see the project (the policy's second branch)
    SupervisionOrder.objects.filter(pk=order.pk).update(responsible=center["liuyang"].user)
    assert client_for(center["liuyang"]).get(reverse("supervision:order_detail", args=[order.pk])).status_code == 200


def test_wrong_roles_get_403(center, order):
    url = reverse("supervision:order_create", args=[center["project"].pk])
    assert client_for(center["huangtao"]).get(url).status_code == 403
    assert client_for(center["leader"]).post(reverse("supervision:order_close", args=[order.pk])).status_code == 403
    acknowledge = reverse("supervision:order_acknowledge", args=[order.pk])
    assert client_for(center["zhaomin"]).post(acknowledge).status_code == 403
    assert client_for(center["director"]).post(reverse("supervision:order_report", args=[order.pk]),
                                               {"text": "x"}).status_code == 403  # fmt: skip


def test_issue_form_refuses_a_past_date_in_chinese_and_keeps_the_text(center):
    url = reverse("supervision:order_create", args=[center["project"].pk])
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client_for(center["director"]).post(
        url, {"required": "落实供地指标", "responsible": center["huangtao"].user.pk, "due_on": yesterday.isoformat()}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "落实供地指标" in html and "截止日期不能早于今天" in html
    response = client_for(center["director"]).post(url, {"required": "", "responsible": center["huangtao"].user.pk,
                                                         "due_on": date.today().isoformat()})  # fmt: skip
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()


def test_issue_acknowledge_close_through_the_pages(center):
    director = client_for(center["director"])
    due = timezone.localdate() + timedelta(days=14)
    response = director.post(reverse("supervision:order_create", args=[center["project"].pk]),
                             {"required": "落实供地指标", "responsible": center["leader"].user.pk,
                              "due_on": due.isoformat()})  # fmt: skip
    assert response.status_code == 302
    order = SupervisionOrder.objects.get()
    leader = client_for(center["leader"])
    assert leader.post(reverse("supervision:order_acknowledge", args=[order.pk])).status_code == 302
    again = leader.post(reverse("supervision:order_acknowledge", args=[order.pk]))
    assert again.status_code == 400 and "该督办已签收或已办结" in again.content.decode()  # a second tab
    assert leader.post(reverse("supervision:order_report", args=[order.pk]), {"text": "已对接"}).status_code == 302
    assert director.post(reverse("supervision:order_close", args=[order.pk])).status_code == 302
    order.refresh_from_db()
    assert order.status == "closed" and order.closed_on_time


def test_my_day_shows_the_red_order_first_for_its_owner(center):
    today = timezone.localdate()
    blue = issue(center, day=today, due_on=today + timedelta(days=20), required="蓝色督办")
    red = issue(center, day=today, due_on=today + timedelta(days=20), required="红色督办")
    SupervisionOrder.objects.filter(pk=red.pk).update(issued_on=today - timedelta(days=30),
                                                      due_on=today - timedelta(days=2))  # fmt: skip
    html = client_for(center["huangtao"]).get(reverse("activities:my_day")).content.decode()
    assert 'id="my-supervision"' in html
    assert html.index(f"my-supervision-{red.pk}") < html.index(f"my-supervision-{blue.pk}")
    assert 'data-colour="red"' in html
    assert 'id="my-supervision"' not in client_for(center["zhaomin"]).get(reverse("activities:my_day")).content.decode()


def test_project_page_links_and_the_dashboard_card(center, order):
    project_url = reverse("projects:project_detail", args=[center["project"].pk])
    director_html = client_for(center["director"]).get(project_url).content.decode()
    assert "supervision-issue-link" in director_html and "supervision-project-link" in director_html
    recruiter_html = client_for(center["huangtao"]).get(project_url).content.decode()
    assert "supervision-issue-link" not in recruiter_html and "supervision-project-link" in recruiter_html
    dashboard = client_for(center["director"]).get(reverse("dashboards:dashboard")).content.decode()
    assert 'id="supervision-figures"' in dashboard

"""Pages that pick one project or person by typing instead of listing them all, and My day's bounded lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import FollowUp
from activities.selectors import MY_DAY_ROWS
from projects.models import Project
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
Role = Membership.Role


def _options(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_dialog_search_finds_a_project_beyond_the_eight_most_recent(client, people):
    for n in range(12):
        make_project(people["xulei"], name=f"近期项目{n}")
    Project.objects.filter(pk=people["chassis"].pk).update(updated_at=timezone.now() - timedelta(days=400))
    client.force_login(people["xulei"].user)
    url = reverse("activities:project_autocomplete")
    assert "汽车用智能底盘" not in _options(client.get(url, {"q": ""}, **HTMX))  # not among the default eight
    found = _options(client.get(url, {"q": "底盘"}, **HTMX))
    assert "汽车用智能底盘和感应门把手项目" in found and "近期项目" not in found
    assert "UTG柔性玻璃项目" not in _options(client.get(url, {"q": "UTG"}, **HTMX))  # another group's


def test_dialog_search_swaps_only_the_choices_not_the_container(client, people):
    client.force_login(people["xulei"].user)
    page = client.get(reverse("activities:contact_log_create"), {"mode": "modal"}, **HTMX).content.decode()
    search = page[page.index('id="project-search"') :].split(">", 1)[0]
    assert 'hx-target="#project-choices"' in search and 'hx-swap="innerHTML"' in search


@pytest.mark.parametrize("query", ["\x00", "a\x00b", "x" * 5000])
def test_search_boxes_survive_nul_bytes_and_long_input(client, people, query):
    client.force_login(people["xulei"].user)
    for name in ("activities:project_autocomplete", "projects:project_autocomplete", "teams:member_autocomplete"):
        assert client.get(reverse(name), {"q": query}, **HTMX).status_code == 200


def test_project_picker_lists_only_visible_projects_and_at_most_ten(client, people):
    for n in range(15):
        make_project(people["xulei"], name=f"底盘配套{n}")
    client.force_login(people["xulei"].user)
    url = reverse("projects:project_autocomplete")
    found = _options(client.get(url, {"q": "底盘"}))
    assert found.count("data-autocomplete-option") == 10
    assert "UTG" not in _options(client.get(url, {"q": "UTG"}))
    client.force_login(people["director"].user)
    assert "UTG柔性玻璃项目" in _options(client.get(url, {"q": "UTG"}))


def test_people_picker_shows_display_names_and_owners_exclude_administrators(client, people):
    admin = make_member(Role.ADMIN, display_name="陈静", user__username="chenjing")
    client.force_login(people["director"].user)
    url = reverse("teams:member_autocomplete")
    everyone = _options(client.get(url, {"q": "陈静"}))
    assert "陈静" in everyone and "chenjing" not in everyone and f'data-value="{admin.user_id}"' in everyone
    assert "陈静" not in _options(client.get(url, {"q": "陈静", "owners": 1}))
    owners = _options(client.get(url, {"q": "徐磊", "owners": 1}))
    assert f'data-value="{people["xulei"].user_id}"' in owners and people["leader"].team.name in owners


def test_activity_filters_pick_a_project_and_a_member_without_listing_them(client, people):
    for n in range(20):
        make_project(people["xulei"], name=f"列表外项目{n}")
    client.force_login(people["director"].user)
    page = client.get(reverse("activities:activity_list")).content.decode()
    assert "列表外项目" not in page and "<option" not in page.split('name="project"')[1].split("</div>")[0]
    assert reverse("projects:project_autocomplete") in page and reverse("teams:member_autocomplete") in page
    chassis = people["chassis"]
    filtered = client.get(reverse("activities:activity_list"), {"project": chassis.pk}).content.decode()
    assert f'value="{chassis.name}"' in filtered  # the chosen project's label stays in the box
    assert client.get(reverse("activities:activity_list"), {"project": people["glass"].pk}).status_code == 200


def test_a_recruiter_cannot_filter_activity_by_a_project_they_cannot_see(client, people):
    client.force_login(people["xulei"].user)
    page = client.get(reverse("activities:activity_list"), {"project": people["glass"].pk}).content.decode()
    assert "UTG柔性玻璃项目" not in page


def _follow_up(member, project, due, title):
    return FollowUp.objects.create(
        project=project,
        company=project.company,
        owner=member.user,
        team=member.team,
        title=title,
        due_date=due,
        created_by=member.user,
    )


def test_my_day_shows_the_first_rows_of_each_list_and_links_to_all(client, people):
    today = timezone.localdate()
    xulei = people["xulei"]
    for n in range(MY_DAY_ROWS + 5):
        _follow_up(xulei, people["chassis"], today - timedelta(days=n + 1), f"逾期事项{n:02d}")
        _follow_up(xulei, people["chassis"], today + timedelta(days=1 + n % 7), f"下周事项{n:02d}")
    quiet = timezone.now() - timedelta(days=30)
    for n in range(MY_DAY_ROWS + 3):
        project = make_project(xulei, name=f"冷项目{n:02d}")
        Project.objects.filter(pk=project.pk).update(created_at=quiet, last_contact_at=quiet - timedelta(days=n))
    client.force_login(xulei.user)
    page = client.get(reverse("activities:my_day")).content.decode()
    overdue = page[page.index('id="overdue"') : page.index('id="due-today"')]
    assert overdue.count('class="py-2 border-bottom follow-up') == MY_DAY_ROWS
    assert f">{MY_DAY_ROWS + 5}</span>" in overdue
    assert "逾期事项14" in overdue and "逾期事项00" not in overdue  # the oldest first
    assert f"?overdue=1&amp;owner={xulei.user_id}" in overdue
    stale = page[page.index('id="stale-projects"') :]
    assert stale.count("<li") == MY_DAY_ROWS and "冷项目12" in stale  # the longest silence first
    assert f"{reverse('activities:stale_project_list')}?owner={xulei.user_id}" in stale


def test_the_links_of_my_day_lead_to_lists_with_the_same_counts(client, people):
    today = timezone.localdate()
    xulei = people["xulei"]
    for n in range(MY_DAY_ROWS + 2):
        _follow_up(xulei, people["chassis"], today + timedelta(days=1 + n % 7), f"下周事项{n:02d}")
    _follow_up(xulei, people["chassis"], today + timedelta(days=9), "两周后")
    _follow_up(people["lina"], people["chassis"], today + timedelta(days=2), "李娜的事项")
    client.force_login(xulei.user)
    week = client.get(reverse("activities:follow_up_list"), {"due": "week", "owner": xulei.user_id})
    assert week.context["page"].paginator.count == MY_DAY_ROWS + 2
    leader = people["leader"]
    client.force_login(leader.user)
    page = client.get(reverse("activities:my_day")).content.decode()
    assert f"?due=week&amp;team={leader.team_id}" in page
    group_week = client.get(reverse("activities:follow_up_list"), {"due": "week", "team": leader.team_id})
    assert group_week.context["page"].paginator.count == MY_DAY_ROWS + 3

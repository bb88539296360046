"""A refused stale edit lists only the fields the second editor changed, not those the first one did."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db


class _FormValues(HTMLParser):
    """What a browser would submit from the page's project form (inputs, checkboxes, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._select = self._textarea = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name not in ("csrfmiddlewaretoken", "reason"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
            else:
                self.values.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def _open_edit_page(client, project) -> dict[str, list[str]]:
    page = client.get(reverse("projects:project_edit", args=[project.pk])).content.decode()
    parser = _FormValues()
    parser.feed(page)
    data: dict[str, list[str]] = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return data


def _stale_rows(response) -> dict[str, tuple[str, str]]:
    return {str(row["label"]): (row["mine"], row["current"]) for row in response.context["stale"]["fields"]}


def test_only_the_second_editors_own_changes_are_listed(client, team_people):
    recruiter, colleague = team_people["recruiter"], team_people["colleague"]
    project = make_project(recruiter, name="智能底盘项目", planned_investment=50000, product="智能底盘")
    url = reverse("projects:project_edit", args=[project.pk])
    client.force_login(recruiter.user)
    first = _open_edit_page(client, project)
    client.force_login(colleague.user)
    second = _open_edit_page(client, project)
    assert second["initial-planned_investment"] == ["50000.00"]  # the page carries what it was opened with

    client.force_login(recruiter.user)
    first |= {"planned_investment": ["80000"], "product": ["智能底盘及感应门把手"]}
    assert client.post(url, first).status_code == 302
    client.force_login(colleague.user)
    second |= {"name": ["智能底盘及感应门把手项目"], "owner": [str(colleague.user.pk)]}
    response = client.post(url, second, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 409
    rows = _stale_rows(response)
    assert set(rows) == {"Project name", "Owner"}  # not planned investment or product: the first editor's
    assert rows["Project name"] == ("智能底盘及感应门把手项目", "智能底盘项目")
    team = recruiter.team.name
    assert rows["Owner"] == (f"李娜 · {team}", f"徐磊 · {team}")
    page = response.content.decode()
    assert "50000" not in page.split('id="stale-edit"')[1].split("</table>")[0]
    project.refresh_from_db()
    assert (project.name, project.planned_investment, project.owner) == ("智能底盘项目", 80000, recruiter.user)


def test_after_the_refusal_the_form_starts_from_the_saved_values(client, team_people):
    recruiter, colleague = team_people["recruiter"], team_people["colleague"]
    project = make_project(recruiter, name="UTG柔性玻璃", planned_investment=50000)
    url = reverse("projects:project_edit", args=[project.pk])
    client.force_login(colleague.user)
    stale_page = _open_edit_page(client, project)
    client.force_login(recruiter.user)
    assert client.post(url, _open_edit_page(client, project) | {"planned_investment": ["80000"]}).status_code == 302

    client.force_login(colleague.user)
    refused = client.post(url, stale_page | {"is_high_tech": ["on"]}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 409 and list(_stale_rows(refused)) == ["High-tech manufacturing"]
    # Re-applying on the refreshed form saves, keeping the first editor's amount.
    retry = {key: value for key, value in _open_edit_page(client, project).items()} | {"is_high_tech": ["on"]}
    assert client.post(url, retry).status_code == 302
    project.refresh_from_db()
    assert project.is_high_tech and project.planned_investment == 80000 and project.version == 3


def test_referrer_and_collaborators_changes_are_named_by_label(client, team_people):
    recruiter, colleague, leader = team_people["recruiter"], team_people["colleague"], team_people["leader"]
    project = make_project(recruiter)
    referrer = make_company("恒盛智谷产业社区运营有限公司")
    url = reverse("projects:project_edit", args=[project.pk])
    client.force_login(colleague.user)
    stale_page = _open_edit_page(client, project)
    client.force_login(recruiter.user)
    assert client.post(url, _open_edit_page(client, project) | {"name": ["改名"]}).status_code == 302

    client.force_login(colleague.user)
    response = client.post(
        url,
        stale_page | {"channel": ["referral"], "referrer": [str(referrer.pk)], "collaborators": [str(leader.user.pk)]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    rows = _stale_rows(response)
    assert set(rows) == {"Recruiting channel", "Referred by", "Collaborators"}
    assert rows["Referred by"] == ("恒盛智谷产业社区运营有限公司", "")
    assert rows["Collaborators"] == (f"周建国 · {leader.team.name}", "")
    assert rows["Recruiting channel"][0] == "Business referral"


def test_a_post_without_the_loaded_values_names_no_fields(client, team_people):
    """A client that does not send what it started from gets the refusal without a misleading list."""
    recruiter, colleague = team_people["recruiter"], team_people["colleague"]
    project = make_project(recruiter, name="氢能缆车", planned_investment=50000)
    url = reverse("projects:project_edit", args=[project.pk])
    bare = {"version": 1, "name": "氢能缆车", "channel": project.channel, "planned_investment": "50000",
            "owner": recruiter.user.pk}  # fmt: skip
    client.force_login(recruiter.user)
    assert client.post(url, bare | {"planned_investment": "80000"}).status_code == 302
    client.force_login(colleague.user)
    response = client.post(url, bare)
    assert response.status_code == 409 and response.context["stale"]["fields"] == []

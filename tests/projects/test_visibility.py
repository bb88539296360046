"""Who reaches which project: each role × own or other group × list, detail, edit and sign-off."""

import pytest
from django.urls import reverse

from projects import services
from projects.stages import Stage
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(team_people, other_group):
    """A project of the first group with a pending move into 意向, and one of the other group."""
    own = make_project(team_people["recruiter"], stage=Stage.SITE_VISIT, name="智能底盘项目")
    request = services.project_request_stage(
        actor=team_people["recruiter"].user, project=own, to_stage=Stage.INTENTION, comment="意向明确"
    )
    other = make_project(other_group["recruiter"], name="UTG柔性玻璃项目")
    return {"own": own, "request": request, "other": other} | team_people | {"other_leader": other_group["leader"]}


# (person, sees own group's project, edits it, may decide its 意向 request)
MATRIX = [
    ("recruiter", True, True, False),
    ("colleague", True, True, False),
    ("leader", True, True, False),  # a commitment gate: not the leader's to sign
    ("other_leader", False, False, False),
    ("deputy", True, True, True),
    ("director", True, True, True),
    ("admin", True, False, False),
]


@pytest.mark.parametrize(("person", "sees", "edits", "decides"), MATRIX)
def test_visibility_matrix(client, setting, person, sees, edits, decides):
    client.force_login(setting[person].user)
    own = setting["own"]
    listing = client.get(reverse("projects:project_list")).content.decode()
    assert ("智能底盘项目" in listing) is sees
    detail = client.get(reverse("projects:project_detail", args=[own.pk]))
    assert detail.status_code == (200 if sees else 404)
    if not sees:
        assert "智能底盘项目" not in detail.content.decode()
    edit = client.get(reverse("projects:project_edit", args=[own.pk]))
    assert edit.status_code == (200 if edits else (403 if sees else 404))
    response = client.post(
        reverse("projects:stage_request_decide", args=[setting["request"].pk]), {"decision": "approve"}
    )
    own.refresh_from_db()
    assert (own.stage == Stage.INTENTION) is decides
    if not sees:
        assert response.status_code == 404


@pytest.mark.parametrize("person", ["recruiter", "leader"])
def test_team_members_do_not_reach_other_groups_projects(client, setting, person):
    client.force_login(setting[person].user)
    other = setting["other"]
    assert "UTG柔性玻璃项目" not in client.get(reverse("projects:project_list")).content.decode()
    for name in ("projects:project_detail", "projects:project_edit"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    for name in ("projects:project_request_stage", "projects:project_set_status", "projects:project_record_increment"):
        assert client.post(reverse(name, args=[other.pk]), {"to_stage": "contact", "comment": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.stage == Stage.LEAD


def test_a_collaborator_from_another_group_sees_and_edits_but_cannot_move(client, setting):
    helper = setting["other_leader"]
    setting["own"].collaborators.add(helper.user)
    client.force_login(helper.user)
    assert client.get(reverse("projects:project_detail", args=[setting["own"].pk])).status_code == 200
    assert client.get(reverse("projects:project_edit", args=[setting["own"].pk])).status_code == 200
    response = client.post(
        reverse("projects:project_request_stage", args=[setting["own"].pk]), {"to_stage": "signed", "comment": "x"}
    )
    assert response.status_code == 403


def test_inbox_shows_each_person_what_they_may_decide(client, setting):
    early = make_project(setting["colleague"], name="粉末冶金项目")
    services.project_request_stage(actor=setting["colleague"].user, project=early, to_stage=Stage.CONTACT, comment="x")
    expectations = {
        "leader": (["粉末冶金项目"], ["智能底盘项目"]),
        "director": (["粉末冶金项目", "智能底盘项目"], []),
        "other_leader": ([], ["粉末冶金项目", "智能底盘项目"]),
        "recruiter": ([], ["粉末冶金项目", "智能底盘项目"]),
    }
    for person, (present, absent) in expectations.items():
        client.force_login(setting[person].user)
        page = client.get(reverse("projects:signoff_inbox")).content.decode()
        assert all(name in page for name in present), person
        assert not any(name in page for name in absent), person

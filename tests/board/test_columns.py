"""Each column's count and planned total equal the project list's for the same filters, the columns show
their first cards with "more" for the rest, and the page's queries do not grow with the data."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board import selectors
from board.forms import BoardFilterForm
from projects.forms import ProjectFilterForm
from projects.models import Project, StageRequest
from projects.selectors import project_filter, project_list_for_user
from projects.stages import STAGE_ORDER, Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline(team_people, other_group):
    mine, theirs = team_people["recruiter"], other_group["recruiter"]
    for index, stage in enumerate(STAGE_ORDER):
        for n in range(index % 3 + 1):
            make_project(mine, stage=stage, planned_investment=Decimal(1000 * (n + 1) + index), channel="ambassador")
        make_project(theirs, stage=stage, planned_investment=Decimal(200000), channel="fund")
    make_project(mine, stage=Stage.NEGOTIATION, status=Project.Status.PAUSED, status_reason="等", planned_investment=7)
    make_project(mine, stage=Stage.SIGNED, status=Project.Status.DROPPED, status_reason="撤", planned_investment=9)
    return team_people


FILTERS = [
    {},
    {"team": "own"},
    {"channel": "ambassador"},
    {"size": "10"},
    {"size": "1"},
    {"owner": "recruiter"},
    {"closed": "on"},
    {"closed": "on", "channel": "ambassador"},
]


def _query(params: dict, people: dict) -> dict:
    query = dict(params)
    if query.get("team") == "own":
        query["team"] = str(people["recruiter"].team_id)
    if query.get("owner") == "recruiter":
        query["owner"] = str(people["recruiter"].user_id)
    return query


@pytest.mark.parametrize("params", FILTERS)
@pytest.mark.parametrize("role", ["director", "leader", "recruiter"])
def test_counts_and_totals_equal_the_project_lists(pipeline, params, role):
    user = pipeline[role].user
    query = _query(params, pipeline)
    columns = selectors.board_columns(
        user, BoardFilterForm(query).filters(), closed=BoardFilterForm(query).show_closed()
    )
    for column in columns:
        # the list page's own form and selectors, asked for this stage (and for active ones, as the board)
        list_query = query | {"stage": column.stage.value}
        if "closed" not in params:
            list_query["status"] = Project.Status.ACTIVE
        rows = project_filter(project_list_for_user(user), ProjectFilterForm(list_query).filters())
        assert column.count == rows.count(), (column.stage, params)
        assert column.total == (rows.aggregate(total=Sum("planned_investment"))["total"] or 0), (column.stage, params)
        assert {card.pk for card in column.cards} == set(rows.values_list("pk", flat=True))


def test_the_board_page_shows_what_the_list_counts(client, pipeline):
    client.force_login(pipeline["director"].user)
    html = client.get(reverse("board:board"), {"channel": "ambassador"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    listed = client.get(
        reverse("projects:project_list"), {"channel": "ambassador", "status": "active"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    total = sum(int(c) for c in _between_all(html, "data-board-count>", "<"))
    assert f"{total} projects" in listed.content.decode()


def _between_all(text: str, start: str, end: str) -> list[str]:
    return [part.split(end, 1)[0] for part in text.split(start)[1:]]


def test_pending_sign_off_shows_on_the_card(pipeline):
    user = pipeline["recruiter"].user
    project = Project.objects.filter(stage=Stage.SITE_VISIT, owner=user).first()
    StageRequest.objects.create(
        project=project, from_stage=project.stage, to_stage=Stage.INTENTION, comment="可以", requested_by=user
    )
    columns = {column.stage: column for column in selectors.board_columns(user, BoardFilterForm({}).filters())}
    card = next(card for card in columns[Stage.SITE_VISIT].cards if card.pk == project.pk)
    assert card.pending_to_stage == Stage.INTENTION and card.pending_to_label == Stage.INTENTION.label


def _make_many(owner, stage: str, n: int) -> None:
    company = make_project(owner, stage=stage).company
    base = Project.objects.get(company=company)
    rows = [
        Project(
            company=company, owner_team=base.owner_team, owner=base.owner, created_by=base.created_by, stage=stage,
            stage_entered_at=base.stage_entered_at, furthest_stage_index=base.furthest_stage_index,
            name=f"批量项目{i}", planned_investment=i,
        )
        for i in range(n - 1)
    ]  # fmt: skip
    Project.objects.bulk_create(rows)


def _board_queries(client, user) -> tuple[int, str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("board:board"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_columns_are_bounded_at_ten_times_the_data(client, team_people):
    owner, director = team_people["recruiter"], team_people["director"].user
    for stage in STAGE_ORDER:
        _make_many(owner, stage, 3)
    _board_queries(client, director)  # the first request of a session reads more (session, axes)
    small_queries, _ = _board_queries(client, director)
    for stage in STAGE_ORDER:
        _make_many(owner, stage, 30)
    large_queries, large_html = _board_queries(client, director)
    assert large_queries == small_queries
    assert large_html.count('class="board-card ') == selectors.PAGE_SIZE * len(STAGE_ORDER)
    assert large_html.count("data-board-more") == len(STAGE_ORDER)


def test_more_loads_the_rest_of_a_column_in_pages(client, team_people):
    owner = team_people["recruiter"]
    _make_many(owner, Stage.NEGOTIATION, 45)
    client.force_login(owner.user)
    seen = []
    offset = 0
    while True:
        response = client.get(reverse("board:board_column"), {"stage": "negotiation", "offset": offset})
        assert response.status_code == 200
        html = response.content.decode()
        ids = [int(part.split('"', 1)[0]) for part in html.split('data-project="')[1:]]
        seen += ids
        if "data-board-more" not in html:
            break
        offset += len(ids)
    first = selectors.board_columns(owner.user, BoardFilterForm({}).filters())[2].cards
    assert seen[: selectors.PAGE_SIZE] == [card.pk for card in first]  # the board's first page, then the rest
    assert len(set(seen)) == len(seen) == 45


def test_a_bad_column_request_gets_a_clear_400(client, team_people):
    client.force_login(team_people["recruiter"].user)
    response = client.get(reverse("board:board_column"), {"stage": "nowhere", "offset": "-1"})
    assert response.status_code == 400


def test_a_filter_change_redraws_only_the_columns(client, pipeline):
    client.force_login(pipeline["leader"].user)
    response = client.get(reverse("board:board"), {"size": "10"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'class="board-column"' in html
    # the other group's 20亿 projects are not the leader's; their own are below 10亿
    assert html.count('class="board-card ') == 0


def test_paused_and_dropped_show_behind_the_toggle_and_cannot_be_dragged(client, pipeline):
    client.force_login(pipeline["recruiter"].user)
    active = client.get(reverse("board:board")).content.decode()
    closed = client.get(reverse("board:board"), {"closed": "on"}).content.decode()
    paused = Project.objects.get(status=Project.Status.PAUSED)
    assert f'id="card-{paused.pk}"' not in active and f'id="card-{paused.pk}"' in closed
    card = closed[closed.index(f'id="card-{paused.pk}"') :].split("</article>", 1)[0]
    assert "data-movable" not in card


def test_an_overdue_supervision_order_colours_the_card_red_first(pipeline):
    import time_machine

    from board.flags import Flag
    from supervision.services import order_issue

    user = pipeline["recruiter"].user
    project = Project.objects.filter(owner=user, status=Project.Status.ACTIVE).first()
    director = make_member(Membership.Role.DIRECTOR).user
    order_issue(actor=director, project=project, required="一周内报送选址方案", responsible=user,
                due_on=timezone.localdate() + timedelta(days=10))  # fmt: skip

    def flag_on(day) -> Flag:
        noon = datetime.combine(day, time(12), tzinfo=timezone.get_current_timezone())
        with time_machine.travel(noon, tick=False):
            columns = selectors.board_columns(user, BoardFilterForm({}).filters())
        return next(card for column in columns for card in column.cards if card.pk == project.pk).flag

    today = timezone.localdate()
    assert flag_on(today + timedelta(days=8)) == Flag.ORDER_YELLOW  # due within 3 days
    assert flag_on(today + timedelta(days=11)) == Flag.ORDER_RED  # overdue

"""Counting without a statement per count (core/counting.py): the same numbers as `QuerySet.count()`."""

import pytest
from django.db.models import F

from core.counting import counts, first_rows_and_count
from projects.models import Project
from projects.stages import Stage
from teams.models import Membership, Team
from tests.factories import make_member
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects():
    first, second = make_member(Membership.Role.RECRUITER), make_member(Membership.Role.RECRUITER)
    shared = make_company("扬州共享计数科技有限公司", created_by=first.user)
    made = [
        make_project(first, stage=Stage.LEAD, company=shared),
        make_project(first, stage=Stage.NEGOTIATION, company=shared),
        make_project(first, stage=Stage.NEGOTIATION),
        make_project(second, stage=Stage.LEAD),
    ]
    return {"first": first, "second": second, "projects": made}


def test_several_counts_are_what_count_says_in_one_statement(projects, django_assert_num_queries):
    first = projects["first"]
    querysets = {
        "all": Project.objects.all(),
        "negotiating": Project.objects.filter(stage=Stage.NEGOTIATION),
        "first_groups": Project.objects.filter(owner_team__code=first.team.code),  # a join in the filter
        "companies": Project.objects.filter(owner=first.user).values("company_id").distinct(),
        "ordered": Project.objects.order_by("-name"),
        "nothing": Project.objects.filter(pk__in=[]),
        "none": Project.objects.none(),
        "compared": Project.objects.filter(stage_entered_at__lte=F("created_at")),
    }
    expected = {name: queryset.count() for name, queryset in querysets.items()}
    assert expected["all"] == 4 and expected["negotiating"] == 2 and expected["companies"] == 2
    assert expected["first_groups"] == 3 and expected["nothing"] == expected["none"] == 0
    with django_assert_num_queries(1):
        found = counts(**querysets)
    assert found == expected


def test_counts_of_nothing_but_empty_querysets_send_no_statement(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert counts(none=Team.objects.none(), empty=Team.objects.filter(pk__in=[])) == {"none": 0, "empty": 0}
        assert counts() == {}


def test_the_first_rows_come_with_the_whole_count(projects, django_assert_num_queries):
    ordered = Project.objects.filter(owner=projects["first"].user).order_by("-pk")
    with django_assert_num_queries(1):
        rows, total = first_rows_and_count(ordered, 2)
    assert total == 3 and [row.pk for row in rows] == [project.pk for project in projects["projects"][2:0:-1]]
    with django_assert_num_queries(1):
        assert first_rows_and_count(Project.objects.filter(name="没有这个项目").order_by("pk"), 10) == ([], 0)

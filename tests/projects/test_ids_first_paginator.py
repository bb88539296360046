"""The project list's paginator: a page's ids come with the list's count in one statement, then the page's
rows by id; a bad or past-the-end page number falls back as Django's paginator does; nothing matched, no
row fetch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects import selectors
from projects.models import Project
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirty(db):
    owner = make_member(Membership.Role.RECRUITER, display_name="徐磊")
    for n in range(30):
        make_project(owner, name=f"分页项目{n:02d}")
    return Project.objects.order_by("name")


def _selects(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]


def test_a_page_reads_its_ids_with_the_count_then_its_rows(thirty):
    with CaptureQueriesContext(connection) as captured:
        page = selectors.IdsFirstPaginator(thirty, 25).get_page("2")
    assert [p.name for p in page.object_list] == [f"分页项目{n:02d}" for n in range(25, 30)]
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 30, 2)
    selects = _selects(captured)
    assert len(selects) == 2, selects  # ids with the count, then the rows: no COUNT(*) of its own
    assert "COUNT" in selects[0].upper() and "COUNT" not in selects[1].upper()


@pytest.mark.parametrize(
    ("number", "expected_page", "first"),
    [("abc", 1, 0), ("0", 2, 25), ("99", 2, 25), (None, 1, 0), ("9" * 25, 2, 25), ("-3", 2, 25)],
)
def test_bad_and_past_the_end_numbers_fall_back_like_djangos_paginator(thirty, number, expected_page, first):
    page = selectors.IdsFirstPaginator(thirty, 25).get_page(number)
    assert page.number == expected_page and page.paginator.count == 30
    assert page.object_list[0].name == f"分页项目{first:02d}"
    assert len(page.object_list) == (25 if expected_page == 1 else 5)


def test_nothing_matched_is_one_empty_page_without_a_row_fetch(thirty):
    with CaptureQueriesContext(connection) as captured:
        page = selectors.IdsFirstPaginator(thirty.filter(name="没有这个项目"), 25).get_page("1")
    assert list(page.object_list) == [] and page.paginator.count == 0 and page.number == 1
    assert all("projects_company" not in sql for sql in _selects(captured))  # the rows' joins never ran

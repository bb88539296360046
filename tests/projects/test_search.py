"""The list searches: what they find, and on PostgreSQL the trigram indexes that serve them."""

import pytest
from django.db import connection
from django.urls import reverse

from crm.models import Company
from projects import selectors
from projects.models import Project
from tests.conftest import require_service
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db

TRIGRAM_INDEXES = {
    "crm_company": {"crm_company_name_trgm": "name", "crm_company_normname_trgm": "normalized_name",
                    "crm_company_industry_trgm": "industry", "crm_company_city_trgm": "city"},
    "projects_project": {"projects_project_name_trgm": "name", "projects_project_product_trgm": "product"},
}  # fmt: skip


@pytest.fixture
def searchable(team_people):
    recruiter = team_people["recruiter"]
    return {
        "by_name": make_project(recruiter, name="智能底盘及感应门把手项目"),
        "by_product": make_project(recruiter, name="二期", product="UTG柔性玻璃盖板"),
        "by_company": make_project(recruiter, name="三期", company=make_company("扬州恒盛智谷科技有限公司")),
        "other": make_project(recruiter, name="氢能高架缆车"),
    }


def _found(client, query: str) -> set[str]:
    response = client.get(reverse("projects:project_list"), {"q": query})
    assert response.status_code == 200
    return {project.name for project in response.context["page"].object_list}


def test_project_search_finds_name_product_and_company_case_insensitively(client, team_people, searchable):
    client.force_login(team_people["director"].user)
    assert _found(client, "智能底盘") == {"智能底盘及感应门把手项目"}
    assert _found(client, "utg柔性") == {"二期"}
    assert _found(client, "恒盛智谷") == {"三期"}
    assert _found(client, "期") == {"二期", "三期"}
    assert _found(client, "不存在") == set()


def test_project_search_keeps_visibility_and_other_filters(client, team_people, other_group, searchable):
    make_project(other_group["recruiter"], name="智能底盘二号项目")
    client.force_login(team_people["recruiter"].user)
    assert _found(client, "智能底盘") == {"智能底盘及感应门把手项目"}
    response = client.get(reverse("projects:project_list"), {"q": "期", "sort": "name"})
    assert [p.name for p in response.context["page"].object_list] == ["三期", "二期"]


def test_a_search_matching_many_projects_filters_by_subquery(client, team_people, searchable, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_IDS_AT_MOST", 1)
    client.force_login(team_people["director"].user)
    assert _found(client, "期") == {"二期", "三期"}
    assert _found(client, "智能底盘") == {"智能底盘及感应门把手项目"}


@pytest.fixture
def postgresql():
    require_service(connection.vendor == "postgresql", "trigram indexes exist on PostgreSQL only (CI runs it)")


def test_trigram_indexes_exist_on_the_searched_columns(postgresql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == ("pg_trgm",)
        cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        found = {(table, name): definition for table, name, definition in cursor.fetchall()}
    for table, indexes in TRIGRAM_INDEXES.items():
        for name, column in indexes.items():
            definition = found[(table, name)]  # varchar columns show the text cast: upper((name)::text)
            assert "USING gin" in definition and "gin_trgm_ops" in definition, definition
            assert f"upper(({column})::text)" in definition or f"upper({column})" in definition, definition


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Project.objects.filter(name__icontains="智能底盘"), "projects_project_name_trgm"),
        (lambda: Project.objects.filter(product__icontains="柔性玻璃"), "projects_project_product_trgm"),
        (lambda: Company.objects.filter(name__icontains="恒盛智谷"), "crm_company_name_trgm"),
        (lambda: Company.objects.filter(normalized_name__icontains="恒盛智谷"), "crm_company_normname_trgm"),
    ],
)
def test_icontains_can_use_the_trigram_index(postgresql, searchable, queryset, index):
    """The index is on the very expression Django writes for icontains (UPPER(col::text) LIKE UPPER(…));
    with sequential and plain index scans priced out, the planner picks it (it could not if the expressions
    differed)."""
    sql, params = queryset().order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        # Only bitmap scans left: a trigram index, or a bitmap over another index that cannot apply.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan

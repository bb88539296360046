"""An export's memory does not grow with its rows: read in chunks, CSV streamed and xlsx written in
openpyxl's write-only mode to a temporary file. Six times the projects, measured with tracemalloc while the
whole file is produced, costs well under six times the memory."""

import tracemalloc

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.identity import normalize_company_name
from crm.models import Company
from projects.models import Project
from tests.exports.conftest import client_for

pytestmark = pytest.mark.django_db


def _add_projects(owner, n: int, start: int) -> None:
    companies = Company.objects.bulk_create(
        Company(name=f"内存测试{i}有限公司", normalized_name=normalize_company_name(f"内存测试{i}有限公司"),
                created_by=owner.user)
        for i in range(start, start + n)
    )  # fmt: skip
    Project.objects.bulk_create(
        Project(name=f"内存测试项目{i}", company=company, owner_team=owner.team, owner=owner.user,
                created_by=owner.user, stage_entered_at=timezone.now(), planned_investment=1000,
                product="产品说明" * 20)
        for i, company in enumerate(companies, start)
    )  # fmt: skip


def _peak(client, file_format: str) -> int:
    tracemalloc.start()
    try:
        response = client.get(reverse("exports:project_export"), {"format": file_format})
        for _chunk in response.streaming_content:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_six_times_the_rows_is_far_from_six_times_the_memory(center, file_format):
    client = client_for(center["director"])
    _add_projects(center["recruiter"], 500, 0)
    _peak(client, file_format)  # once first: what a first export loads (modules, catalogues) is not the rows'
    small = _peak(client, file_format)
    _add_projects(center["recruiter"], 2500, 500)
    large = _peak(client, file_format)
    assert large < 2 * small, (small, large)

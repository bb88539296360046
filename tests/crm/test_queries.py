"""The company list costs the same number of queries for 3 companies as for a full page of 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teams.models import Membership
from tests.factories import CompanyFactory, RegistrationFactory, TeamFactory, make_member

pytestmark = pytest.mark.django_db


def _companies_with_registrations(count: int, teams) -> None:
    for n in range(count):
        company = CompanyFactory()
        RegistrationFactory(company=company, team=teams[n % len(teams)])
        if n % 3 == 0:  # some shared between two groups
            RegistrationFactory(company=company, team=teams[(n + 1) % len(teams)], shared=True)


def _list_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("crm:company_list"))
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_the_company_list_issues_the_same_number_of_queries_for_3_and_for_30_companies(client):
    # given a recruiter and three groups holding investors
    teams = [TeamFactory(name=f"招商{n}组") for n in "一二三"]
    client.force_login(make_member(Membership.Role.RECRUITER).user)
    _companies_with_registrations(3, teams)
    # when the list is drawn with 3 companies, then with 30
    few, few_page = _list_queries(client)
    _companies_with_registrations(27, teams)
    many, many_page = _list_queries(client)
    # then the number of queries does not grow with the rows, and the groups are shown
    assert few == many
    assert many_page.count('class="badge text-bg-info"') == 30 + 10
    assert few_page.count('class="badge text-bg-info"') == 3 + 1

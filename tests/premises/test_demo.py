"""The demo park: the article's 6.5 m idle buildings, an 8 m concrete one, and the 10 m steel building of
4,300 m² that is the only fit for the powder-metallurgy project."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from premises.matching import matches_for
from premises.models import Building
from projects.models import Project

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        first = Building.objects.count()
        call_command("seed_demo", stdout=StringIO())
        yield first
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_article_project_finds_the_one_building_that_fits(seeded):
    assert Building.objects.count() == seeded  # seeding again adds nothing
    assert Building.objects.filter(ceiling_height_m=6.5).count() >= 3
    project = Project.objects.get(company__name="宁波恒粉粉末冶金有限公司")
    matches = matches_for(project)
    assert [m.building.name for m in matches.fitting] == ["园区三号厂房"]
    low = [m for m in matches.excluded if m.building.ceiling_height_m == 6.5]
    assert low and all("层高 6.5 米 < 需要 10 米" in m.reasons for m in low)

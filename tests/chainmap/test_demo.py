"""The demo chain map: the article's three chains with target companies in every link, some of them chain
leaders, and gaps a director reads on the map; seeding again adds nothing."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from chainmap.models import TargetCompany
from chainmap.selectors import Strength, chain_overview

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        first = TargetCompany.objects.count()
        call_command("seed_demo", stdout=StringIO())
        yield first
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_three_chains_have_targets_in_every_link_and_some_gaps(seeded):
    assert TargetCompany.objects.count() == seeded > 0  # seeding again adds nothing
    maps = {item.chain.name: item for item in chain_overview(User.objects.get(username="maxiang"))}
    assert {"高端装备", "汽车零部件", "电子信息"} <= set(maps)
    for name in ("高端装备", "汽车零部件", "电子信息"):
        cells = maps[name].cells
        assert all(cell.targets > 0 for cell in cells), name
        assert maps[name].gaps >= 1, name
        assert any(cell.leaders for cell in cells)
        gap = next(cell for cell in cells if cell.strength == Strength.GAP)
        assert gap.landed == 0 and gap.active_total == 0

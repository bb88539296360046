"""Reserving a building for a project: one project at a time (also when two reserve at once on PostgreSQL),
released by its holder, ended by its expiry or moved in when the project reaches 开工; reminded once before
it ends."""

import threading
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from premises import services
from premises.models import Building, Reservation
from projects.models import Project
from projects.stages import Stage
from reminders import services as reminder_services
from reminders.models import Delivery, Kind
from tests.conftest import require_service
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def test_reserve_holds_the_building_for_one_project_and_release_frees_it(park):
    building = park["buildings"]["fits"]
    reservation = services.reserve(actor=park["wangshuai"].user, building=building, project=park["project"],
                                   expires_on=in_days(30))  # fmt: skip
    building.refresh_from_db()
    assert building.status == Building.Status.RESERVED and reservation.status == Reservation.Status.ACTIVE
    with pytest.raises(ValidationError) as error:
        services.reserve(actor=park["liuyang"].user, building=building, project=park["other"], expires_on=in_days(5))
    assert "UTG柔性玻璃项目" in error.value.messages[0]  # who holds it
    with pytest.raises(PermissionDenied):  # not the holder, not the project's group, not an editor
        services.release(actor=park["liuyang"].user, reservation=reservation)
    services.release(actor=park["wangshuai"].user, reservation=reservation)
    building.refresh_from_db()
    assert building.status == Building.Status.VACANT
    assert Reservation.objects.get().status == Reservation.Status.RELEASED
    services.reserve(actor=park["liuyang"].user, building=building, project=park["other"], expires_on=in_days(5))


def test_bad_reservations_are_refused(park):
    b, wangshuai = park["buildings"], park["wangshuai"].user
    for until in (in_days(-1), in_days(181)):
        with pytest.raises(ValidationError):
            services.reserve(actor=wangshuai, building=b["fits"], project=park["project"], expires_on=until)
    with pytest.raises(ValidationError):
        services.reserve(actor=wangshuai, building=b["occupied"], project=park["project"], expires_on=in_days(3))
    with pytest.raises(PermissionDenied):  # another group's project
        services.reserve(actor=wangshuai, building=b["fits"], project=park["other"], expires_on=in_days(3))
    Project.objects.filter(pk=park["project"].pk).update(status=Project.Status.DROPPED)
    park["project"].refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.reserve(actor=wangshuai, building=b["fits"], project=park["project"], expires_on=in_days(3))
    assert not Reservation.objects.exists()


def test_the_settling_task_expires_and_moves_in(park):
    b = park["buildings"]
    expiring = services.reserve(actor=park["wangshuai"].user, building=b["fits"], project=park["project"],
                                expires_on=in_days(2))  # fmt: skip
    started = make_project(park["liuyang"], stage=Stage.SIGNED, name="已签约项目")
    moving = services.reserve(actor=park["liuyang"].user, building=b["bigger"], project=started, expires_on=in_days(60))
    assert services.reservations_settle(today=in_days(2)) == (0, 0)  # its last day still holds
    Project.objects.filter(pk=started.pk).update(stage=Stage.CONSTRUCTION)
    assert services.reservations_settle(today=in_days(3)) == (1, 1)
    expiring.refresh_from_db(), moving.refresh_from_db()
    assert (expiring.status, moving.status) == (Reservation.Status.EXPIRED, Reservation.Status.OCCUPIED)
    assert Building.objects.get(pk=b["fits"].pk).status == Building.Status.VACANT
    assert Building.objects.get(pk=b["bigger"].pk).status == Building.Status.OCCUPIED
    assert services.reservations_settle(today=in_days(4)) == (0, 0)


def test_the_holder_and_the_owner_are_told_once_before_it_ends(park):
    services.reserve(actor=park["wangshuai"].user, building=park["buildings"]["fits"],
                     project=park["project"], expires_on=in_days(10))  # fmt: skip
    for days in (6, 7, 7, 9):
        moment = datetime.combine(in_days(days), time(9), tzinfo=SHANGHAI)
        with time_machine.travel(moment, tick=False):
            reminder_services.sweep_all()
    rows = Delivery.objects.filter(kind=Kind.RESERVATION_ENDING, channel="in_app")
    assert rows.count() == 1 and rows.get().recipient == park["wangshuai"].user
    assert "园区三号厂房" in rows.get().title


def test_the_pages_reserve_and_release(client, park):
    building, project = park["buildings"]["fits"], park["project"]
    client.force_login(park["wangshuai"].user)
    url = reverse("premises:building_reserve", args=[building.pk])
    response = client.post(url, {"project": project.pk, "expires_on": in_days(30).isoformat()})
    assert response.status_code == 302 and response.url == reverse("premises:project_matching", args=[project.pk])
    reservation = Reservation.objects.get()
    page = client.get(response.url).content.decode()
    assert "已为本项目预留至" in page
    client.force_login(park["liuyang"].user)
    assert client.post(url, {"project": project.pk, "expires_on": in_days(3).isoformat()}).status_code == 403
    release = reverse("premises:reservation_release", args=[reservation.pk])
    assert client.post(release).status_code == 403
    client.force_login(park["wangshuai"].user)
    assert client.post(release).status_code == 302
    assert Reservation.objects.get().status == Reservation.Status.RELEASED


@pytest.mark.django_db(transaction=True)
def test_two_recruiters_reserving_at_once_one_wins_the_other_sees_who(park):
    require_service(connection.vendor == "postgresql", "needs PostgreSQL (CI runs it)")
    building = park["buildings"]["fits"]
    second = make_project(park["wangshuai"], name="氢能缆车项目")
    barrier, outcomes = threading.Barrier(2), []

    def attempt(project):
        close_old_connections()
        try:
            barrier.wait()
            services.reserve(actor=park["wangshuai"].user, building=building, project=project, expires_on=in_days(9))
            outcomes.append("won")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in (park["project"], second)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    winner = Reservation.objects.get()
    assert sorted(outcomes, key=len)[0] == "won" and len(outcomes) == 2
    assert winner.project.name in [o for o in outcomes if o != "won"][0]

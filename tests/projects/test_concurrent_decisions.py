"""Two people deciding the same sign-off at the same moment produce exactly one decision."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from projects import services
from projects.models import ProjectEvent, StageRequest
from projects.stages import Stage
from teams.models import Membership
from tests.conftest import require_service
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = pytest.mark.django_db(transaction=True)


def test_director_and_deputy_deciding_at_once_make_one_decision():
    require_service(connection.vendor == "postgresql", "needs PostgreSQL row locks (CI runs it)")
    recruiter = make_member(Membership.Role.RECRUITER)
    director = make_member(Membership.Role.DIRECTOR)
    deputy = make_member(Membership.Role.DEPUTY_DIRECTOR)
    project = make_project(recruiter, stage=Stage.INTENTION)
    request = services.project_request_stage(actor=recruiter.user, project=project, to_stage=Stage.SIGNED, comment="x")

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(person, approve):
        close_old_connections()
        barrier.wait()
        try:
            services.stage_request_decide(actor=person.user, request=request, approve=approve, comment="决定")
            outcomes.append("approved" if approve else "rejected")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=args) for args in ((director, True), (deputy, False))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) in (["already_decided", "approved"], ["already_decided", "rejected"])
    request.refresh_from_db()
    project.refresh_from_db()
    decisions = ProjectEvent.objects.filter(
        project=project, kind__in=[ProjectEvent.Kind.STAGE_APPROVED, ProjectEvent.Kind.STAGE_REJECTED]
    )
    assert decisions.count() == 1
    if request.status == StageRequest.Status.APPROVED:
        assert project.stage == Stage.SIGNED and project.signed_on is not None
    else:
        assert project.stage == Stage.INTENTION and project.signed_on is None


def test_many_requests_at_once_leave_one_pending():
    require_service(connection.vendor == "postgresql", "needs PostgreSQL row locks (CI runs it)")
    leader = make_member(Membership.Role.TEAM_LEADER)
    recruiters = [make_member(Membership.Role.RECRUITER, team=leader.team) for _ in range(4)]
    project = make_project(leader, stage=Stage.SITE_VISIT)
    barrier = threading.Barrier(len(recruiters))

    def ask(person):
        close_old_connections()
        barrier.wait()
        try:
            services.project_request_stage(actor=person.user, project=project, to_stage=Stage.INTENTION, comment="x")
        except ValidationError:
            pass
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(person,)) for person in recruiters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert StageRequest.objects.filter(project=project, status=StageRequest.Status.PENDING).count() == 1

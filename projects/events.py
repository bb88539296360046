"""The only writer of ProjectEvent: one constructor per kind of history entry."""

from django.contrib.auth.models import User

from projects.models import Project, ProjectEvent, StageRequest

Kind = ProjectEvent.Kind


def _record(project: Project, kind: str, actor: User, **fields) -> ProjectEvent:
    return ProjectEvent.objects.create(project=project, kind=kind, actor=actor, **fields)


def project_created(project: Project, actor: User, source: str = "") -> ProjectEvent:
    """`source`: where the lead came from, when an app above knows (e.g. "来源: 外出招商 <trip>")."""
    return _record(project, Kind.CREATED, actor, to_stage=project.stage, comment=source)


def stage_requested(request: StageRequest) -> ProjectEvent:
    return _record(
        request.project,
        Kind.STAGE_REQUESTED,
        request.requested_by,
        from_stage=request.from_stage,
        to_stage=request.to_stage,
        request=request,
        comment=request.comment,
    )


def stage_decided(request: StageRequest) -> ProjectEvent:
    kind = Kind.STAGE_APPROVED if request.status == StageRequest.Status.APPROVED else Kind.STAGE_REJECTED
    return _record(
        request.project,
        kind,
        request.decided_by,
        from_stage=request.from_stage,
        to_stage=request.to_stage,
        request=request,
        comment=request.decision_comment,
    )


def stage_withdrawn(request: StageRequest, actor: User) -> ProjectEvent:
    return _record(
        request.project, Kind.STAGE_WITHDRAWN, actor, from_stage=request.from_stage, to_stage=request.to_stage,
        request=request,
    )  # fmt: skip


def status_changed(project: Project, actor: User, kind: str, reason: str) -> ProjectEvent:
    return _record(project, kind, actor, from_stage=project.stage, comment=reason)


def transferred(project: Project, actor: User, comment: str) -> ProjectEvent:
    return _record(project, Kind.TRANSFERRED, actor, comment=comment)


def increment_recorded(project: Project, actor: User, comment: str) -> ProjectEvent:
    return _record(project, Kind.INCREMENT, actor, comment=comment)

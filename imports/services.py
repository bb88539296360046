"""Writes of the imports app: start a run from an upload, check it (the dry run), carry it out.

Progress lives in the cache (Redis in production, the file cache on a bare machine — both shared by web
and worker), because the run's own rows are written inside one transaction that others cannot see until
it ends. The run row is updated outside that transaction once it ends.
"""

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imports import engine, permissions
from imports.kinds import KINDS
from imports.models import ImportRow, ImportRun
from imports.reading import read_ledger

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PROGRESS_TTL = 24 * 3600


def progress_key(run_id: int) -> str:
    return f"imports:progress:{run_id}"


def _person(user: User) -> str:
    membership = getattr(user, "membership", None)
    return membership.display_name if membership else user.get_username()


def _row_writer(run: ImportRun, headers: list[str]):
    source = _("imported from %(file)s by %(person)s") % {"file": run.file_name, "person": _person(run.user)}
    return KINDS[run.kind].writer(run.user, headers, source)


@transaction.atomic
def import_start(*, actor: User, kind: str, upload: UploadedFile) -> ImportRun:
    permissions.check_can_import(actor, kind)
    if kind not in KINDS:
        raise ValidationError({"kind": _("This kind of import is not available yet.")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB; split it.")})
    data = upload.read()
    sheet = read_ledger(upload.name, data)  # refuses unreadable files before anything is stored
    upload.seek(0)
    run = ImportRun(user=actor, kind=kind, file_name=upload.name[:200], encoding=sheet.encoding)
    run.total_rows = len(sheet.rows)
    run.file.save(upload.name, upload, save=False)
    run.full_clean()
    run.save()
    return run


def _carry_out(run: ImportRun, *, commit: bool) -> engine.RunResult:
    with run.file.open("rb") as stored:
        sheet = read_ledger(run.file_name, stored.read())
    key = progress_key(run.pk)

    def progress(done: int) -> None:
        if done % 50 == 0 or done == len(sheet.rows):
            cache.set(key, done, PROGRESS_TTL)

    return engine.run(
        zip(sheet.numbers, sheet.rows, strict=True),
        _row_writer(run, sheet.headers),
        commit=commit,
        valid_only=run.valid_only,
        progress=progress,
    )


_COUNTERS = {
    engine.Action.CREATE: "created",
    engine.Action.UPDATE: "updated",
    engine.Action.UNCHANGED: "unchanged",
    engine.Action.ERROR: "errors",
}


def _record(run: ImportRun, result: engine.RunResult, status: str) -> None:
    with transaction.atomic():
        run.rows.all().delete()
        ImportRow.objects.bulk_create(
            [
                ImportRow(run=run, number=row.number, action=row.action, label=row.label[:200],
                          object_id=row.object_id, reason=row.reason)
                for row in result.rows
            ],
            batch_size=1000,
        )  # fmt: skip
        run.status = status
        run.done_rows = len(result.rows)
        for action, counter in _COUNTERS.items():
            setattr(run, counter, result.count(action))
        run.finished_at = timezone.now()
        run.save()


def import_preview(*, run_id: int) -> ImportRun:
    """The dry run: every row through the services, then rolled back; the rows' results are kept."""
    run = ImportRun.objects.select_related("user__membership").get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.PREVIEWING)
    _record(run, _carry_out(run, commit=False), ImportRun.Status.PREVIEWED)
    return run


def import_commit(*, run_id: int, valid_only: bool) -> ImportRun:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update(of=("self",)).select_related("user__membership").get(pk=run_id)
        if run.status != ImportRun.Status.PREVIEWED:
            raise ValidationError(_("This import has already been carried out or is still being checked."))
        run.status, run.valid_only = ImportRun.Status.IMPORTING, valid_only
        run.save(update_fields=["status", "valid_only"])
    result = _carry_out(run, commit=True)
    _record(run, result, ImportRun.Status.DONE if result.committed else ImportRun.Status.NOTHING)
    return run

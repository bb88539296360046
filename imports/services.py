"""Writes of the imports app: start a run from an upload, check it (the dry run), carry it out.

The check and the import run in Celery tasks (`imports.tasks`), so a large file never ties up a request;
the page polls the progress. Progress lives in the cache (Redis in production, the file cache on a bare
machine — both shared by web and worker), because the run's own rows are written inside one transaction
that others cannot see until it ends.

A worker that dies mid-run is replaced by the broker redelivering the task (acks late): the check simply
runs again (it wrote nothing); the import's writes and its recorded results are one transaction, so a
redelivered import either finds it done or starts from nothing.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from imports import engine, permissions
from imports.columns import map_headers
from imports.kinds import KINDS
from imports.models import ImportRow, ImportRun
from imports.reading import read_ledger

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PROGRESS_TTL = 24 * 3600
Status = ImportRun.Status


def progress_key(run_id: int) -> str:
    return f"imports:progress:{run_id}"


def progress_of(run: ImportRun) -> int:
    """Rows processed so far by the running check or import (the cache; the run row once it ended)."""
    if run.status in (Status.PREVIEWING, Status.IMPORTING):
        return min(run.total_rows, int(cache.get(progress_key(run.pk)) or 0))
    return run.done_rows


def _person(user: User) -> str:
    membership = getattr(user, "membership", None)
    return membership.display_name if membership else user.get_username()


def _row_writer(run: ImportRun, headers: list[str]):
    # the history keeps 100 characters: a long file name is shortened, the person always named
    file_name = run.file_name if len(run.file_name) <= 50 else run.file_name[:24] + "…" + run.file_name[-24:]
    source = _("imported from %(file)s by %(person)s") % {"file": file_name, "person": _person(run.user)}
    return KINDS[run.kind].writer(run.user, headers, source)


def _check_columns(kind: str, headers: list[str]) -> None:
    columns = KINDS[kind].columns
    found = map_headers(headers, columns)
    missing = [column for column in columns if column.required and column.field not in found]
    if missing:
        names = "、".join(column.label for column in missing)
        raise ValidationError(
            {"file": _("The file has no column %(columns)s (see the template for the headers).") % {"columns": names}}
        )


@transaction.atomic
def import_start(*, actor: User, kind: str, upload: UploadedFile) -> ImportRun:
    """Store the upload and its run (queued for the check); unreadable files are refused before."""
    permissions.check_can_import(actor, kind)
    if kind not in KINDS:
        raise ValidationError({"kind": _("This kind of import is not available yet.")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB; split it.")})
    data = upload.read()
    try:
        sheet = read_ledger(upload.name, data)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    _check_columns(kind, sheet.headers)
    upload.seek(0)
    run = ImportRun(
        user=actor,
        kind=kind,
        file_name=upload.name[:200],
        encoding=sheet.encoding,
        headers=sheet.headers,
        language=(translation.get_language() or "")[:10],
    )
    run.total_rows = len(sheet.rows)
    run.file.save(upload.name, upload, save=False)
    run.full_clean()
    run.save()
    return run


def enqueue(task, *args) -> bool:
    """Hand a task to the broker once the current transaction commits; False when the broker cannot be
    reached (the run stays where it is and the page offers to try again)."""
    try:
        task.apply_async(args, retry=False)  # fail fast: the request must not wait on a dead broker
    except Exception:  # the broker is down or unreachable: nothing is lost, the run waits
        logger.warning("imports: could not enqueue %s%r", task.name, args, exc_info=True)
        return False
    return True


def _carry_out(run: ImportRun, *, commit: bool) -> engine.RunResult:
    with run.file.open("rb") as stored:
        sheet = read_ledger(run.file_name, stored.read())
    key = progress_key(run.pk)
    cache.set(key, 0, PROGRESS_TTL)

    def progress(done: int) -> None:
        if done % 50 == 0 or done == len(sheet.rows):
            cache.set(key, done, PROGRESS_TTL)

    with translation.override(run.language or settings.LANGUAGE_CODE):
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


def _fail(run_id: int, error: Exception) -> None:
    ImportRun.objects.filter(pk=run_id).update(
        status=Status.FAILED, message=engine.error_text(error)[:500], finished_at=timezone.now()
    )


def import_preview(*, run_id: int) -> ImportRun | None:
    """The dry run: every row through the services, then rolled back; the rows' results are kept."""
    run = ImportRun.objects.select_related("user__membership").get(pk=run_id)
    if run.status not in (Status.QUEUED, Status.PREVIEWING):
        return None  # already checked (a redelivered task)
    ImportRun.objects.filter(pk=run.pk).update(status=Status.PREVIEWING)
    run.status = Status.PREVIEWING
    try:
        result = _carry_out(run, commit=False)
    except ValidationError as error:  # the stored file no longer reads (it did when uploaded)
        _fail(run.pk, error)
        return None
    _record(run, result, Status.PREVIEWED)
    return run


def import_request(*, actor: User, run: ImportRun, valid_only: bool) -> ImportRun:
    """The importer confirms the checked run: it is queued for the import task."""
    permissions.check_can_commit(actor, run)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
        if run.status != Status.PREVIEWED:
            raise ValidationError(_("This import has already been carried out or is still being checked."))
        if run.errors and not valid_only and not (run.created or run.updated):
            raise ValidationError(_("Every row has an error: nothing would be imported."))
        run.status, run.valid_only = Status.IMPORTING, valid_only
        run.save(update_fields=["status", "valid_only"])
    return run


def import_commit(*, run_id: int) -> ImportRun | None:
    """Carry out a confirmed run: all rows or none (or only the valid ones), and the rows' results, in one
    transaction. A second delivery of the same task waits for the first and then finds it done."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update(of=("self",)).select_related("user__membership").get(pk=run_id)
        if run.status != Status.IMPORTING:
            return None
        try:
            result = _carry_out(run, commit=True)
        except ValidationError as error:
            transaction.set_rollback(True)
            failed = error
        else:
            _record(run, result, Status.DONE if result.committed else Status.NOTHING)
            return run
    _fail(run_id, failed)
    return None


def import_retry(*, actor: User, run: ImportRun) -> None:
    """Queue a run again whose task never reached the broker (the broker was down)."""
    permissions.check_can_commit(actor, run)
    from imports import tasks

    if run.status == Status.QUEUED:
        enqueue(tasks.preview_import, run.pk)
    elif run.status == Status.IMPORTING:
        enqueue(tasks.commit_import, run.pk)

"""Celery tasks: thin, take ids, call one service."""

from celery import shared_task

from imports import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def preview_import(run_id: int) -> None:
    services.import_preview(run_id=run_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def commit_import(run_id: int, valid_only: bool) -> None:
    services.import_commit(run_id=run_id, valid_only=valid_only)

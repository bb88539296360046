"""Celery tasks: thin, take ids, call one service. Acks late: a worker that dies mid-run gives the task
back to the broker, and the services are written to be run again."""

from celery import shared_task

from imports import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def preview_import(run_id: int) -> None:
    services.import_preview(run_id=run_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def commit_import(run_id: int) -> None:
    services.import_commit(run_id=run_id)

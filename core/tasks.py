from celery import shared_task

from core.services import heartbeat_record


@shared_task
def heartbeat_record_task(name: str) -> int:
    """Scheduled by beat every minute; the worker that runs it records that the background stack works."""
    return heartbeat_record(name=name).count

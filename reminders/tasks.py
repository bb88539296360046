"""Celery interfaces of the reminders: thin, ids only, each calling one service."""

from celery import shared_task

from reminders import services


@shared_task
def reminders_sweep_task() -> int:
    """Beat runs this every minute: write what is due, then hand each waiting delivery to a sender."""
    written = services.sweep_all()
    for delivery_id in services.deliveries_due():
        delivery_send_task.delay(delivery_id)
    return written


@shared_task(acks_late=True, reject_on_worker_lost=True)
def delivery_send_task(delivery_id: int) -> str:
    return services.delivery_send(delivery_id)

"""Celery interface of the premises: thin, calling one service."""

from celery import shared_task

from premises import services


@shared_task
def reservations_settle_task() -> tuple[int, int]:
    """Beat runs this every ten minutes: expired reservations end, those whose project started building move in."""
    return services.reservations_settle()

"""Error reports to Sentry, only when SENTRY_DSN is set: unhandled exceptions of web requests (Django) and
tasks (Celery), without personal data — no cookies, no user names or addresses, no request bodies (the CRM
holds investors' phone numbers and what was said with them)."""

from django.core.exceptions import ImproperlyConfigured


def sentry_init(*, dsn: str, environment: str) -> bool:
    """Start the Sentry SDK when a DSN is given; True when it was started. A DSN without the SDK installed
    is refused rather than ignored: whoever set it expects the errors to arrive."""
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as exc:
        raise ImproperlyConfigured("SENTRY_DSN is set, but sentry-sdk is not installed") from exc
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        before_send=_tag_with_request_id,
    )
    return True


def _tag_with_request_id(event: dict, hint: dict) -> dict:
    """The report names the request id, so it leads to the same request's log lines."""
    from core.request_id import current_request_id

    if current_request_id():
        event.setdefault("tags", {})["request_id"] = current_request_id()
    return event

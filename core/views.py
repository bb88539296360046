from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import health
from core.models import Heartbeat
from teams import permissions


def system_status(request: HttpRequest) -> TemplateResponse:
    if not permissions.can_view_system_status(request.user):
        raise PermissionDenied
    heartbeat = Heartbeat.objects.filter(name="beat").first()
    stale_after = timezone.timedelta(minutes=3)
    return TemplateResponse(
        request,
        "core/system_status.html",
        {
            "heartbeat": heartbeat,
            "background_ok": heartbeat is not None and timezone.now() - heartbeat.last_seen < stale_after,
            "database_vendor": connection.vendor,
            "broker_is_redis": bool(settings.REDIS_URL),
            "environment": settings.JUNENG_ENV,
        },
    )


@login_not_required
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 while this process reaches its database and broker, else 503. Public
    on purpose (a load balancer has no session) and saying nothing about why; core.health logs the reason.
    Nothing here touches the session or the CSRF token, so the answer sets no cookie."""
    database_ok = health.database_reachable()
    broker_ok = health.broker_reachable()  # checked even when the database is not, so both get logged
    if database_ok and broker_ok:
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "unavailable"}, status=503)

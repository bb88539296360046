from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

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

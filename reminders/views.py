from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from reminders import services


def notification_list(request: HttpRequest) -> TemplateResponse:
    notifications = request.user.notifications.all()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return TemplateResponse(request, "reminders/notification_list.html", {"page": page})


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link (only one's own: others' ids change nothing)."""
    services.notification_mark_read(user=request.user, notification_ids=[pk])
    notification = request.user.notifications.filter(pk=pk).first()
    return redirect(notification.url if notification and notification.url else "reminders:notification_list")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_read(user=request.user)
    return redirect("reminders:notification_list")

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.autocomplete import is_pk
from reminders import services
from reminders.forms import GroupWebhookForm, ReminderPolicyForm, ReminderPreferenceForm
from reminders.models import Delivery, GroupWebhook, ReminderPolicy, ReminderPreference
from teams.models import Team
from teams.permissions import is_admin


def _require_admin(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied


def notification_list(request: HttpRequest) -> TemplateResponse:
    notifications = request.user.notifications.all()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return TemplateResponse(request, "reminders/notification_list.html", {"page": page})


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link (only one's own: others' ids change nothing)."""
    if not is_pk(pk):  # a number no database column holds
        raise Http404
    services.notification_mark_read(user=request.user, notification_ids=[pk])
    notification = request.user.notifications.filter(pk=pk).first()
    return redirect(notification.url if notification and notification.url else "reminders:notification_list")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_read(user=request.user)
    return redirect("reminders:notification_list")


def preference_edit(request: HttpRequest) -> HttpResponse:
    """Each person's switches: channels, kinds switched off, quiet hours."""
    preference = ReminderPreference.objects.filter(user=request.user).first() or ReminderPreference(user=request.user)
    form = ReminderPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("reminders:preference_edit")
    return TemplateResponse(request, "reminders/preference_form.html", {"form": form})


def policy_edit(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = ReminderPolicyForm(request.POST or None, instance=ReminderPolicy.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Reminder policy saved."))
        return redirect("reminders:policy_edit")
    return TemplateResponse(request, "reminders/policy_form.html", {"form": form})


def delivery_list(request: HttpRequest) -> TemplateResponse:
    """What was sent, what is waiting and what failed (with the error), for administrators."""
    _require_admin(request)
    deliveries = Delivery.objects.select_related("recipient__membership", "team")
    status = request.GET.get("status", "")
    if status in Delivery.Status.values:
        deliveries = deliveries.filter(status=status)
    page = Paginator(deliveries.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "reminders/delivery_list.html", {"page": page, "statuses": Delivery.Status.choices, "status": status}
    )


def webhook_list(request: HttpRequest) -> TemplateResponse:
    _require_admin(request)
    teams = Team.objects.filter(is_active=True).select_related("webhook").order_by("code")
    return TemplateResponse(request, "reminders/webhook_list.html", {"teams": teams})


@transaction.atomic
def webhook_edit(request: HttpRequest, team_pk: int) -> HttpResponse:
    _require_admin(request)
    team = get_object_or_404(Team, pk=team_pk)
    webhook = GroupWebhook.objects.filter(team=team).first() or GroupWebhook(team=team)
    form = GroupWebhookForm(request.POST or None, instance=webhook)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Robot of %(team)s saved.") % {"team": team.name})
        return redirect("reminders:webhook_list")
    return TemplateResponse(request, "reminders/webhook_form.html", {"form": form, "team": team})

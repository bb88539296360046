"""Reads of the exports app."""

from django.contrib.auth.models import User
from django.db.models import QuerySet

from exports import permissions
from exports.models import ExportLog


def export_log_list_for_user(user: User) -> QuerySet[ExportLog]:
    """Every export for directors, deputies and administrators; one's own for everyone else."""
    if not permissions.can_export(user):
        return ExportLog.objects.none()
    logs = ExportLog.objects.select_related("user__membership").order_by("-created_at", "-pk")
    if permissions.can_view_all_export_logs(user):
        return logs
    return logs.filter(user=user)

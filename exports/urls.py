from django.urls import path

from exports import views
from exports.models import ExportLog

app_name = "exports"

urlpatterns = [
    path("", views.export_log, name="export_log"),
    path("projects/", views.export_download, {"kind": ExportLog.Kind.PROJECTS}, name="project_export"),
    path("companies/", views.export_download, {"kind": ExportLog.Kind.COMPANIES}, name="company_export"),
    path("activity/", views.export_download, {"kind": ExportLog.Kind.ACTIVITY}, name="activity_export"),
    path("follow-ups/", views.export_download, {"kind": ExportLog.Kind.FOLLOW_UPS}, name="follow_up_export"),
]

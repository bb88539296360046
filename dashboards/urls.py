from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.dashboard_export, name="dashboard_export"),
    path("targets/<int:year>/", views.target_edit, name="target_edit"),
]

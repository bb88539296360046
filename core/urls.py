from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("system/", views.system_status, name="system_status"),
    path("healthz", views.healthz, name="healthz"),
]

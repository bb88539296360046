from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("template/<slug:kind>.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("<int:pk>/import/", views.import_commit, name="import_commit"),
    path("<int:pk>/retry/", views.import_retry, name="import_retry"),
    path("<int:pk>/errors.xlsx", views.import_error_report, name="import_error_report"),
]

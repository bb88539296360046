from django.urls import path

from aftercare import views

app_name = "aftercare"

urlpatterns = [
    path("", views.company_list, name="company_list"),
    path("companies/<int:pk>/", views.company_detail, name="company_detail"),
    path("companies/<int:pk>/requests/new/", views.request_create, name="request_create"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("requests/<int:pk>/start/", views.request_start, name="request_start"),
    path("requests/<int:pk>/resolve/", views.request_resolve, name="request_resolve"),
    path("settings/", views.service_levels, name="service_levels"),
]

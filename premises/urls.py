from django.urls import path

from premises import views

app_name = "premises"

urlpatterns = [
    path("", views.building_list, name="building_list"),
    path("buildings/new/", views.building_edit, name="building_create"),
    path("buildings/<int:pk>/", views.building_detail, name="building_detail"),
    path("buildings/<int:pk>/edit/", views.building_edit, name="building_edit"),
    path("buildings/<int:pk>/reserve/", views.building_reserve, name="building_reserve"),
    path("reservations/<int:pk>/release/", views.reservation_release, name="reservation_release"),
    path("match/<int:pk>/", views.project_matching, name="project_matching"),
]

from django.urls import path

from fieldwork import reception_views, views

app_name = "fieldwork"

urlpatterns = [
    path("trips/", views.trip_list, name="trip_list"),
    path("trips/new/", views.trip_create, name="trip_create"),
    path("trips/<int:pk>/", views.trip_detail, name="trip_detail"),
    path("trips/<int:pk>/edit/", views.trip_edit, name="trip_edit"),
    path("trips/<int:pk>/submit/", views.trip_submit, name="trip_submit"),
    path("trips/<int:pk>/decide/", views.trip_decide, name="trip_decide"),
    path("trips/<int:pk>/cancel/", views.trip_cancel, name="trip_cancel"),
    path("trips/<int:pk>/visits/", views.trip_visit_add, name="trip_visit_add"),
    path("trips/<int:pk>/report/", views.trip_report, name="trip_report"),
    path("trips/<int:pk>/leads/new/", views.trip_new_lead, name="trip_new_lead"),
    path("visits/<int:pk>/log/", views.trip_visit_log, name="trip_visit_log"),
    path("visits/<int:pk>/remove/", views.trip_visit_remove, name="trip_visit_remove"),
    path("week/", views.week, name="week"),
    path("policy/", views.policy_edit, name="policy_edit"),
    path("receptions/", reception_views.reception_list, name="reception_list"),
    path("receptions/new/", reception_views.reception_create, name="reception_create"),
    path("receptions/<int:pk>/", reception_views.reception_detail, name="reception_detail"),
    path("receptions/<int:pk>/edit/", reception_views.reception_edit, name="reception_edit"),
    path("receptions/<int:pk>/confirm/", reception_views.reception_confirm, name="reception_confirm"),
    path("receptions/<int:pk>/held/", reception_views.reception_complete, name="reception_complete"),
    path("receptions/<int:pk>/cancel/", reception_views.reception_cancel, name="reception_cancel"),
]

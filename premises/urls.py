from django.urls import path

from premises import plot_views, views

app_name = "premises"

urlpatterns = [
    path("", views.building_list, name="building_list"),
    path("buildings/new/", views.building_edit, name="building_create"),
    path("buildings/<int:pk>/", views.building_detail, name="building_detail"),
    path("buildings/<int:pk>/edit/", views.building_edit, name="building_edit"),
    path("buildings/<int:pk>/reserve/", views.building_reserve, name="building_reserve"),
    path("buildings/<int:pk>/files/", views.building_file_add, name="building_file_add"),
    path("files/<int:pk>/", views.building_file_download, name="file_download"),
    path("files/<int:pk>/remove/", views.building_file_remove, name="file_remove"),
    path("reservations/<int:pk>/release/", views.reservation_release, name="reservation_release"),
    path("match/<int:pk>/", views.project_matching, name="project_matching"),
    path("match/<int:pk>/site-visit/", views.project_site_visit, name="project_site_visit"),
    path("land/", plot_views.land_plot_list, name="land_plot_list"),
    path("land/new/", plot_views.land_plot_edit, name="land_plot_create"),
    path("land/<int:pk>/edit/", plot_views.land_plot_edit, name="land_plot_edit"),
    path("editors/", views.editor_list, name="editor_list"),
    path("editors/<int:pk>/revoke/", views.editor_revoke, name="editor_revoke"),
]

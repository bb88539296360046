from django.urls import path

from teams import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="team_list"),
    path("new/", views.team_create, name="team_create"),
    path("<int:pk>/", views.team_detail, name="team_detail"),
    path("<int:pk>/edit/", views.team_edit, name="team_edit"),
    path("<int:pk>/leader/", views.team_set_leader, name="team_set_leader"),
    path("members/", views.member_list, name="member_list"),
    path("members/new/", views.member_create, name="member_create"),
    path("members/autocomplete/", views.member_autocomplete, name="member_autocomplete"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/move/", views.member_move, name="member_move"),
    path("members/<int:pk>/role/", views.member_change_role, name="member_change_role"),
    path("members/<int:pk>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("members/<int:pk>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path("members/<int:pk>/password/", views.member_set_password, name="member_set_password"),
    path("lockouts/", views.lockout_list, name="lockout_list"),
    path("lockouts/lift/", views.lockout_lift, name="lockout_lift"),
]

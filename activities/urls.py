from django.urls import path

from activities import views

app_name = "activities"

urlpatterns = [
    path("", views.my_day, name="my_day"),
    path("log/", views.contact_log_create, name="contact_log_create"),
    path("log/projects/", views.project_autocomplete, name="project_autocomplete"),
    path("activity/", views.activity_list, name="activity_list"),
    path("activity/<int:pk>/", views.contact_log_detail, name="contact_log_detail"),
    path("activity/<int:pk>/edit/", views.contact_log_edit, name="contact_log_edit"),
    path("activity/<int:pk>/delete/", views.contact_log_delete, name="contact_log_delete"),
    path("activity/<int:pk>/restore/", views.contact_log_restore, name="contact_log_restore"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("projects/<int:pk>/activity/", views.project_activity, name="project_activity"),
    path("projects/<int:pk>/follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("quiet-projects/", views.stale_project_list, name="stale_project_list"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("follow-ups/<int:pk>/snooze/", views.follow_up_snooze, name="follow_up_snooze"),
    path("follow-ups/<int:pk>/reschedule/", views.follow_up_reschedule, name="follow_up_reschedule"),
    path("follow-ups/<int:pk>/cancel/", views.follow_up_cancel, name="follow_up_cancel"),
]

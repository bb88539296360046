from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("<int:pk>/read/", views.notification_read, name="notification_read"),
    path("read-all/", views.notification_read_all, name="notification_read_all"),
    path("settings/", views.preference_edit, name="preference_edit"),
    path("policy/", views.policy_edit, name="policy_edit"),
    path("deliveries/", views.delivery_list, name="delivery_list"),
    path("robots/", views.webhook_list, name="webhook_list"),
    path("robots/<int:team_pk>/", views.webhook_edit, name="webhook_edit"),
]

from django.urls import path

from calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("events.json", views.calendar_events, name="calendar_events"),
    path("feed/", views.feed_settings, name="feed_settings"),
    path("feed/new/", views.feed_create, name="feed_create"),
    path("feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feed/<slug:token>.ics", views.feed, name="feed"),
]

from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("activities.urls")),
    path("", include("core.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("teams/", include("teams.urls")),
    path("companies/", include("crm.urls")),
    path("projects/", include("projects.urls")),
    path("notifications/", include("reminders.urls")),
    path("dashboard/", include("dashboards.urls")),
    path("fieldwork/", include("fieldwork.urls")),
    path("premises/", include("premises.urls")),
    path("aftercare/", include("aftercare.urls")),
    path("calendar/", include("calendars.urls")),
    path("exports/", include("exports.urls")),
    path("imports/", include("imports.urls")),
    path("search/", include("search.urls")),
    path("merge/", include("merging.urls")),
    path("chainmap/", include("chainmap.urls")),
    path("supervision/", include("supervision.urls")),
    path("board/", include("board.urls")),
    path("api/", include("api.urls")),
]
handler404 = "api.views.not_found"  # JSON under /api/v1/, the page elsewhere

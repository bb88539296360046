from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from api import contact_views, fieldwork_views, stage_request_views, token_views, views

app_name = "api"

urlpatterns = [
    path("v1/projects/", views.ProjectList.as_view(), name="project_list"),
    path("v1/projects/<int:pk>/", views.ProjectDetail.as_view(), name="project_detail"),
    path("v1/projects/<int:pk>/stage-requests/", views.ProjectStageRequest.as_view(), name="project_stage_request"),
    path("v1/stage-requests/", stage_request_views.StageRequestList.as_view(), name="stage_request_list"),
    path(
        "v1/stage-requests/<int:pk>/decide/",
        stage_request_views.StageRequestDecide.as_view(),
        name="stage_request_decide",
    ),
    path("v1/companies/", views.CompanyList.as_view(), name="company_list"),
    path("v1/companies/<int:pk>/", views.CompanyDetail.as_view(), name="company_detail"),
    path("v1/companies/<int:pk>/contacts/", contact_views.CompanyContactList.as_view(), name="company_contact_list"),
    path("v1/contacts/<int:pk>/", contact_views.ContactDetail.as_view(), name="contact_detail"),
    path("v1/contact-logs/", views.ContactLogList.as_view(), name="contact_log_list"),
    path("v1/follow-ups/", views.FollowUpList.as_view(), name="follow_up_list"),
    path("v1/trips/", fieldwork_views.TripList.as_view(), name="trip_list"),
    path("v1/trips/<int:pk>/", fieldwork_views.TripDetail.as_view(), name="trip_detail"),
    path("v1/receptions/", fieldwork_views.ReceptionList.as_view(), name="reception_list"),
    path("v1/receptions/<int:pk>/", fieldwork_views.ReceptionDetail.as_view(), name="reception_detail"),
    path("v1/buildings/", fieldwork_views.BuildingList.as_view(), name="building_list"),
    path("v1/buildings/<int:pk>/", fieldwork_views.BuildingDetail.as_view(), name="building_detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.api_docs, name="docs"),
    path("tokens/", token_views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", token_views.token_revoke, name="token_revoke"),
]

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from api import views

app_name = "api"

urlpatterns = [
    path("v1/projects/", views.ProjectList.as_view(), name="project_list"),
    path("v1/projects/<int:pk>/", views.ProjectDetail.as_view(), name="project_detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.api_docs, name="docs"),
]

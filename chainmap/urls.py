from django.urls import path

from chainmap import views

app_name = "chainmap"

urlpatterns = [
    path("", views.chain_overview, name="chain_overview"),
    path("chains/<int:pk>/", views.chain_map, name="chain_map"),
    path("targets/", views.target_list, name="target_list"),
    path("landed/", views.landed_list, name="landed_list"),
    path("links/<int:pk>/targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("targets/<int:pk>/lead/", views.target_lead, name="target_lead"),
]

from django.urls import path

from merging import views

app_name = "merging"

urlpatterns = [
    path("", views.merge_list, name="merge_list"),
    path("companies/", views.company_merge, name="company_merge"),
    path("companies/<int:pk>/", views.company_merge_into, name="company_merge_into"),
    path("companies/<int:pk>/contacts/", views.contact_merge, name="contact_merge"),
]

from django.urls import path

from crm import views

app_name = "crm"

urlpatterns = [
    path("", views.company_list, name="company_list"),
    path("new/", views.company_create, name="company_create"),
    path("suggest/", views.company_suggest, name="company_suggest"),
    path("autocomplete/", views.company_autocomplete, name="company_autocomplete"),
    path("registration-policy/", views.registration_policy, name="registration_policy"),
    path("<int:pk>/", views.company_detail, name="company_detail"),
    path("<int:pk>/edit/", views.company_edit, name="company_edit"),
    path("<int:pk>/register/", views.company_register, name="company_register"),
    path("<int:pk>/claim/", views.conflict_claim_create, name="conflict_claim_create"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:contact_pk>/edit/", views.contact_edit, name="contact_edit"),
]

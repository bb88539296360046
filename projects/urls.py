from django.urls import path

from projects import referral_views, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("autocomplete/", views.project_autocomplete, name="project_autocomplete"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/stage/", views.project_request_stage, name="project_request_stage"),
    path("<int:pk>/status/", views.project_set_status, name="project_set_status"),
    path("<int:pk>/increments/", views.project_record_increment, name="project_record_increment"),
    path("referrers/", referral_views.referrer_autocomplete, name="referrer_autocomplete"),
    path("companies/<int:pk>/referrals/", referral_views.company_referrals, name="company_referrals"),
    path("sign-offs/", views.signoff_inbox, name="signoff_inbox"),
    path("sign-offs/<int:pk>/decide/", views.stage_request_decide, name="stage_request_decide"),
    path("sign-offs/<int:pk>/withdraw/", views.stage_request_withdraw, name="stage_request_withdraw"),
    path("conflicts/", views.conflict_queue, name="conflict_queue"),
    path("conflicts/<int:pk>/decide/", views.conflict_claim_decide, name="conflict_claim_decide"),
    path("chains/", views.chain_list, name="chain_list"),
    path("chains/new/", views.chain_save, name="chain_create"),
    path("chains/<int:pk>/", views.chain_save, name="chain_edit"),
    path("chains/<int:pk>/links/", views.chain_link_create, name="chain_link_create"),
]

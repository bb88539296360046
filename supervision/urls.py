from django.urls import path

from supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.order_list, name="order_list"),
    path("<int:pk>/", views.order_detail, name="order_detail"),
    path("<int:pk>/acknowledge/", views.order_acknowledge, name="order_acknowledge"),
    path("<int:pk>/report/", views.order_report, name="order_report"),
    path("<int:pk>/close/", views.order_close, name="order_close"),
    path("projects/<int:pk>/", views.project_orders, name="project_orders"),
    path("projects/<int:pk>/new/", views.order_create, name="order_create"),
]

from django.urls import path

from innohub.network import views

app_name = "network"
urlpatterns = [
    path("", views.hub_list, name="hub_list"),
    path("switch/", views.switch, name="switch"),
    path("<slug:slug>/", views.hub_detail, name="hub_detail"),
]

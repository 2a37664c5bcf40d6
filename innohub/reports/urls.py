"""Reports: the hub and network dashboards and the annual report."""

from django.urls import path

from innohub.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("network/", views.network_dashboard, name="network_dashboard"),
    path("hubs/<slug:slug>/", views.hub_dashboard, name="hub_dashboard"),
    path("hubs/<slug:slug>/annual/", views.annual, name="annual"),
    path("hubs/<slug:slug>/annual.pdf", views.annual_pdf, name="annual_pdf"),
    path("hubs/<slug:slug>/annual.xlsx", views.annual_xlsx, name="annual_xlsx"),
]

from django.urls import path

from innohub.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path(
        "memberships/<int:pk>/transition/",
        views.membership_transition,
        name="membership_transition",
    ),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/history/", views.organisation_history, name="history"),
]

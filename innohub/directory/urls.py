from django.urls import path

from innohub.directory import application_views, export_views, product_views, views

app_name = "directory"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("export/", export_views.organisation_export, name="export"),
    path("growth/", views.growth, name="growth"),
    path(
        "memberships/<int:pk>/transition/",
        views.membership_transition,
        name="membership_transition",
    ),
    path("apply/", application_views.apply, name="apply"),
    path(
        "apply/status/<str:token>/",
        application_views.application_status,
        name="application_status",
    ),
    path("applications/", application_views.application_queue, name="application_queue"),
    path(
        "applications/sponsored/",
        application_views.sponsored_applications,
        name="sponsored_applications",
    ),
    path("applications/<int:pk>/", application_views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/sponsor/",
        application_views.sponsor_decide,
        name="sponsor_decide",
    ),
    path(
        "applications/<int:pk>/<slug:action>/",
        application_views.application_act,
        name="application_act",
    ),
    path("products/new/<slug:slug>/", product_views.product_create, name="product_create"),
    path("products/<int:pk>/edit/", product_views.product_edit, name="product_edit"),
    path("products/<int:pk>/delete/", product_views.product_delete, name="product_delete"),
    path("products/<int:pk>/photos/", product_views.product_photo_add, name="product_photo_add"),
    path(
        "products/photos/<int:pk>/delete/",
        product_views.product_photo_delete,
        name="product_photo_delete",
    ),
    path(
        "products/photos/<int:pk>/<str:size>/",
        product_views.product_photo,
        name="product_photo",
    ),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/history/", views.organisation_history, name="history"),
]

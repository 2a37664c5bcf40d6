"""Spaces pages: shared rooms and bookings, leases, occupancy and the floor view."""

from django.urls import path

from innohub.spaces import views

app_name = "spaces"
urlpatterns = [
    path("", views.room_list, name="rooms"),
    path("rooms/<int:pk>/", views.room_detail, name="room"),
    path("rooms/<int:pk>/calendar.ics", views.room_feed, name="room_feed"),
    path("rooms/<int:pk>/edit/", views.structure_edit, {"kind": "room"}, name="room_edit"),
    path("bookings/", views.booking_list, name="bookings"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("leases/", views.lease_list, name="leases"),
    path("leases/<int:pk>/", views.lease_detail, name="lease"),
    path("leases/<int:pk>/edit/", views.lease_edit, name="lease_edit"),
    path("leases/<int:pk>/terminate/", views.lease_terminate, name="lease_terminate"),
    path("leases/<int:pk>/cancel/", views.lease_cancel, name="lease_cancel"),
    path("leases/<int:pk>/renew/", views.lease_renew, name="lease_renew"),
    path("floors/<int:pk>/", views.floor_view, name="floor"),
    path("floors/<int:pk>/edit/", views.structure_edit, {"kind": "floor"}, name="floor_edit"),
    path("phases/<int:pk>/edit/", views.structure_edit, {"kind": "phase"}, name="phase_edit"),
    path("sites/<int:pk>/edit/", views.structure_edit, {"kind": "site"}, name="site_edit"),
    path(
        "buildings/<int:pk>/edit/",
        views.structure_edit,
        {"kind": "building"},
        name="building_edit",
    ),
    path("hubs/<slug:hub_slug>/", views.hub_spaces, name="hub"),
    path("hubs/<slug:hub_slug>/occupancy/", views.occupancy, name="occupancy"),
    path("hubs/<slug:hub_slug>/rooms/", views.hub_rooms, name="hub_rooms"),
    path("hubs/<slug:hub_slug>/leases/new/", views.lease_create, name="lease_create"),
    path("hubs/<slug:hub_slug>/leases/expiring/", views.leases_expiring, name="expiring"),
    path(
        "hubs/<slug:hub_slug>/phases/new/",
        views.structure_create,
        {"kind": "phase"},
        name="phase_create",
    ),
    path(
        "hubs/<slug:hub_slug>/sites/new/",
        views.structure_create,
        {"kind": "site"},
        name="site_create",
    ),
    path(
        "hubs/<slug:hub_slug>/buildings/new/",
        views.structure_create,
        {"kind": "building"},
        name="building_create",
    ),
    path(
        "hubs/<slug:hub_slug>/buildings/<int:building_pk>/floors/new/",
        views.structure_create,
        {"kind": "floor"},
        name="floor_create",
    ),
    path(
        "hubs/<slug:hub_slug>/rooms/new/",
        views.structure_create,
        {"kind": "room"},
        name="room_create",
    ),
]

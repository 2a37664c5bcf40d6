"""Service desk pages under /services/."""

from django.urls import path

from innohub.servicedesk import views

app_name = "servicedesk"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.service_edit, name="service_create"),
    path("<int:pk>/", views.service_detail, name="service_detail"),
    path("<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("providers/", views.providers, name="providers"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/transition/", views.request_transition, name="request_transition"),
    path("requests/<int:pk>/messages/", views.request_message, name="request_message"),
    path("requests/<int:pk>/rating/", views.request_rate, name="request_rate"),
    path("requests/<int:pk>/route/", views.request_route, name="request_route"),
    path("requests/<int:pk>/files/<int:message_pk>/", views.request_file, name="request_file"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_edit, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/windows/", views.programme_window_add, name="programme_window_add"),
    path("programmes/<int:pk>/apply/", views.programme_apply, name="programme_apply"),
    path("programmes/<int:pk>/members/", views.programme_members, name="programme_members"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("experts/", views.expert_list, name="experts"),
    path("experts/new/", views.expert_edit, name="expert_create"),
    path("experts/<int:pk>/", views.expert_detail, name="expert_detail"),
    path("experts/<int:pk>/edit/", views.expert_edit, name="expert_edit"),
    path("experts/<int:pk>/judge/", views.expert_judge, name="expert_judge"),
    path("experts/<int:pk>/office-hours/", views.office_hour_create, name="office_hour_create"),
    path("office-hours/<int:pk>/book/", views.office_hour_book, name="office_hour_book"),
    path("office-hours/<int:pk>/cancel/", views.office_hour_cancel, name="office_hour_cancel"),
    path("bookings/", views.bookings, name="bookings"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("figures/", views.figures, name="figures"),
]

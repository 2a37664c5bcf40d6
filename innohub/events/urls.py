from django.urls import path

from innohub.events import contest_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_calendar, name="calendar"),
    path("new/", views.event_create, name="create"),
    path("new/rooms/", views.room_options, name="room_options"),
    path("slots/", views.slot_finder, name="slots"),
    path("check-in/", views.check_in, name="check_in"),
    path("check-in/<str:code>/", views.check_in_code, name="check_in_code"),
    path("registrations/<str:token>/", views.registration_page, name="registration"),
    path("registrations/<str:token>/qr.svg", views.registration_qr, name="registration_qr"),
    path(
        "registrations/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"
    ),
    path("registrations/<str:token>/answer/", views.invitation_answer, name="invitation_answer"),
    path("hubs/<slug:slug>/calendar.ics", views.hub_feed, name="hub_feed"),
    path("judging/", contest_views.judging_overview, name="judging"),
    path("contests/", contest_views.contest_list, name="contests"),
    path("contests/new/", contest_views.contest_edit, name="contest_create"),
    path("contests/entries/<int:pk>/", contest_views.entry_detail, name="entry_detail"),
    path("contests/entries/<int:pk>/edit/", contest_views.entry_edit, name="entry_edit"),
    path(
        "contests/entries/<int:pk>/files/<int:file_id>/",
        contest_views.entry_file,
        name="entry_file",
    ),
    path(
        "contests/entries/<int:pk>/rounds/<int:round_id>/score/",
        contest_views.entry_score,
        name="entry_score",
    ),
    path("contests/<slug:slug>/", contest_views.contest_detail, name="contest_detail"),
    path("contests/<slug:slug>/edit/", contest_views.contest_edit, name="contest_edit"),
    path("contests/<slug:slug>/manage/", contest_views.contest_manage, name="contest_manage"),
    path("contests/<slug:slug>/judging/", contest_views.contest_judging, name="contest_judging"),
    path("contests/<slug:slug>/enter/", contest_views.entry_create, name="contest_enter"),
    path("contests/<slug:slug>/criteria/", contest_views.criteria_edit, name="contest_criteria"),
    path("contests/<slug:slug>/rounds/", contest_views.round_add, name="contest_round_add"),
    path(
        "contests/<slug:slug>/rounds/<int:pk>/<str:action>/",
        contest_views.round_action,
        name="contest_round_action",
    ),
    path(
        "contests/<slug:slug>/assignments/",
        contest_views.assignment_action,
        name="contest_assignments",
    ),
    path(
        "contests/<slug:slug>/conflicts/", contest_views.conflict_declare, name="contest_conflict"
    ),
    path(
        "contests/<slug:slug>/conflicts/<int:pk>/delete/",
        contest_views.conflict_delete,
        name="contest_conflict_delete",
    ),
    path("contests/<slug:slug>/publish/", contest_views.publish, name="contest_publish"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/cancel/", views.event_cancel, name="cancel"),
    path("<slug:slug>/delete/", views.event_delete, name="delete"),
    path("<slug:slug>/register/", views.event_register, name="register"),
    path("<slug:slug>/sessions/new/", views.session_edit, name="session_create"),
    path("<slug:slug>/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("<slug:slug>/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("<slug:slug>/registrations/", views.registration_list, name="registrations"),
    path("<slug:slug>/registrations.csv", views.registration_csv, name="registrations_csv"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path(
        "<slug:slug>/registrations/<int:pk>/<str:action>/",
        views.registration_staff_action,
        name="registration_action",
    ),
]

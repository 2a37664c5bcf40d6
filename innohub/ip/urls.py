"""Pages of the IP portfolio, the deadline board, statistics and calendar feeds."""

from django.urls import path

from innohub.ip import views

app_name = "ip"
urlpatterns = [
    path("", views.portfolio, name="list"),
    path("new/", views.asset_create, name="create"),
    path("board/", views.board, name="board"),
    path("board/<slug:slug>/settings/", views.board_settings, name="board_settings"),
    path("my/", views.my_deadlines, name="my_deadlines"),
    path("statistics/", views.statistics, name="statistics"),
    path("what-if/", views.what_if, name="what_if"),
    path("import/", views.asset_import, name="import"),
    path("import/template.xlsx", views.asset_import_template, name="import_template"),
    path("reminders/<int:pk>/dismiss/", views.reminder_dismiss_view, name="reminder_dismiss"),
    path("deadlines/<int:pk>/done/", views.deadline_complete, name="deadline_complete"),
    path("deadlines/<int:pk>/reopen/", views.deadline_reopen, name="deadline_reopen"),
    path("calendar/hub/<slug:slug>.ics", views.hub_calendar, name="hub_calendar"),
    path(
        "calendar/organisation/<slug:slug>.ics",
        views.organisation_calendar,
        name="organisation_calendar",
    ),
    path("calendar/subscribe/", views.calendar_subscribe, name="calendar_subscribe"),
    path("calendar/s/<str:key>.ics", views.subscribed_calendar, name="subscribed_calendar"),
    path("<int:pk>/", views.asset_detail, name="detail"),
    path("<int:pk>/edit/", views.asset_edit, name="edit"),
    path("<int:pk>/transition/", views.asset_transition, name="transition"),
    path("<int:pk>/delete/", views.asset_delete, name="delete"),
    path("<int:pk>/history/", views.asset_history, name="history"),
]

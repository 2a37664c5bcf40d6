"""Pages of delegations, visits and agreements under /relations/."""

from django.urls import path

from innohub.relations import views

app_name = "relations"
urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/history/", views.agreement_history, name="agreement_history"),
    path("agreements/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("agreements/<int:pk>/signatories/", views.signatory_add, name="signatory_add"),
    path("agreements/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("milestones/<int:pk>/done/", views.milestone_toggle, name="milestone_toggle"),
    path("milestones/<int:pk>/remove/", views.milestone_remove, name="milestone_remove"),
    path("signatories/<int:pk>/remove/", views.signatory_remove, name="signatory_remove"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/stops/new/", views.stop_add, name="stop_add"),
    path("visits/<int:pk>/follow-ups/new/", views.follow_up_add, name="follow_up_add"),
    path("stops/<int:pk>/edit/", views.stop_edit, name="stop_edit"),
    path("stops/<int:pk>/remove/", views.stop_remove, name="stop_remove"),
    path("follow-ups/<int:pk>/done/", views.follow_up_toggle, name="follow_up_toggle"),
    path("follow-ups/<int:pk>/remove/", views.follow_up_remove, name="follow_up_remove"),
    path("delegations/<int:pk>/", views.delegation_detail, name="delegation_detail"),
    path("delegations/<int:pk>/edit/", views.delegation_edit, name="delegation_edit"),
    path("delegations/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("members/<int:pk>/leader/", views.member_make_leader, name="member_make_leader"),
    path("due/", views.due_list, name="due"),
    path(
        "timeline/organisation/<slug:slug>/",
        views.organisation_timeline,
        name="organisation_timeline",
    ),
    path("timeline/hub/<slug:slug>/", views.hub_timeline, name="hub_timeline"),
    path("picker/", views.picker_results, name="picker"),
]

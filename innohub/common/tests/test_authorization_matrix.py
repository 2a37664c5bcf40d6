"""Who may reach what: every HTML page and API operation against every role, allow or deny.

The table `ROWS` below has one line per endpoint and method:

    METHOD  TARGET  [param=record ...] [?query]  :  ROLES

TARGET is a URL name (`app:view`) for pages and an OpenAPI path for the API; `param=record`
fills a URL parameter from a record of `matrix_data.build` (its pk, or its slug for slug
parameters) or takes the literal; ROLES lists who is let through (a page that renders, a
redirect that is not to the sign-in page, a form or payload refused with 400) — everyone else
must be refused (sign-in redirect, 401, 403 or 404). Aliases: `all`, `signed_in`, `none`,
`staff` (staff of hub A and the network admin). Roles: public, member (bob, member of hub A),
staff_a (alice), staff_b (charlie), ip_officer (erin, hub A), judge (judy, hub A), admin (dave,
network admin).

A URL or API operation without a row fails `test_every_endpoint_has_a_row`, which prints the
lines to add. To see what each role gets today (after adding a row), run
`INNOHUB_MATRIX_DISCOVER=1 pytest innohub/common/tests/test_authorization_matrix.py -s`: it
prints the table as observed; review every line before you copy it — that is the point.
Requests that write are rolled back, so every row sees the same data set.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from innohub.common.tests import matrix_data

ROLES = ("public", "member", "staff_a", "staff_b", "ip_officer", "judge", "admin")
CAST = {
    "public": None,
    "member": "bob",
    "staff_a": "alice",
    "staff_b": "charlie",
    "ip_officer": "erin",
    "judge": "judy",
    "admin": "dave",
}
ALIASES = {
    "all": frozenset(ROLES),
    "signed_in": frozenset(ROLES) - {"public"},
    "none": frozenset(),
    "staff": frozenset({"staff_a", "admin"}),
}
API_PREFIX = "/api/v1"
LOGIN = "/accounts/login/"
DISCOVER = os.environ.get("INNOHUB_MATRIX_DISCOVER") == "1"

ROWS = """
GET    accounts:audit  :  ?
GET    accounts:login  :  ?
GET    accounts:logout  :  ?
GET    accounts:profile  :  ?
GET    accounts:set_language  :  ?
GET    accounts:token_revoke pk=api_token  :  ?
GET    accounts:tokens  :  ?
GET    accounts:welcome uidb64=uidb64 token=welcome_token  :  ?
GET    directory:application_act pk=application action=review  :  ?
GET    directory:application_detail pk=application  :  ?
GET    directory:application_queue  :  ?
GET    directory:application_status token=application_token  :  ?
GET    directory:apply  :  ?
GET    directory:create  :  ?
GET    directory:detail slug=org_a  :  ?
GET    directory:edit slug=org_a  :  ?
GET    directory:export  :  ?
GET    directory:growth  :  ?
GET    directory:history slug=org_a  :  ?
GET    directory:list  :  ?
GET    directory:membership_transition pk=membership  :  ?
GET    directory:product_create slug=org_a  :  ?
GET    directory:product_delete pk=product  :  ?
GET    directory:product_edit pk=product  :  ?
GET    directory:product_photo pk=product_photo size=thumb  :  ?
GET    directory:product_photo_add pk=product  :  ?
GET    directory:product_photo_delete pk=product_photo  :  ?
GET    directory:sponsor_decide pk=application  :  ?
GET    directory:sponsored_applications  :  ?
GET    events:calendar  :  ?
GET    events:cancel slug=event  :  ?
GET    events:check_in  :  ?
GET    events:check_in_code code=check_in_code  :  ?
GET    events:contest_assignments slug=contest  :  ?
GET    events:contest_conflict slug=contest  :  ?
GET    events:contest_conflict_delete slug=contest pk=conflict  :  ?
GET    events:contest_create  :  ?
GET    events:contest_criteria slug=contest  :  ?
GET    events:contest_detail slug=contest  :  ?
GET    events:contest_edit slug=contest  :  ?
GET    events:contest_enter slug=contest  :  ?
GET    events:contest_judging slug=contest  :  ?
GET    events:contest_manage slug=contest  :  ?
GET    events:contest_publish slug=contest  :  ?
GET    events:contest_round_action slug=contest pk=round action=open  :  ?
GET    events:contest_round_add slug=contest  :  ?
GET    events:contests  :  ?
GET    events:create  :  ?
GET    events:delete slug=event  :  ?
GET    events:detail slug=event  :  ?
GET    events:edit slug=event  :  ?
GET    events:entry_detail pk=entry  :  ?
GET    events:entry_edit pk=entry  :  ?
GET    events:entry_file pk=entry file_id=entry_file  :  ?
GET    events:entry_score pk=entry round_id=round  :  ?
GET    events:hub_feed slug=hub_a  :  ?
GET    events:ics slug=event  :  ?
GET    events:invitation_answer token=registration_token  :  ?
GET    events:invite slug=event  :  ?
GET    events:judging  :  ?
GET    events:register slug=event  :  ?
GET    events:registration token=registration_token  :  ?
GET    events:registration_action slug=event pk=registration action=check_in  :  ?
GET    events:registration_cancel token=registration_token  :  ?
GET    events:registration_qr token=registration_token  :  ?
GET    events:registrations slug=event  :  ?
GET    events:registrations_csv slug=event  :  ?
GET    events:session_create slug=event  :  ?
GET    events:session_delete slug=event pk=session  :  ?
GET    events:session_edit slug=event pk=session  :  ?
GET    events:slots  :  ?
GET    healthz  :  ?
GET    imports:confirm pk=import_batch  :  ?
GET    imports:preview pk=import_batch  :  ?
GET    imports:upload kind=organisations  :  ?
GET    ip:board  :  ?
GET    ip:board_settings slug=hub_a  :  ?
GET    ip:calendar_subscribe  :  ?
GET    ip:create  :  ?
GET    ip:deadline_complete pk=deadline  :  ?
GET    ip:deadline_reopen pk=deadline  :  ?
GET    ip:delete pk=asset  :  ?
GET    ip:detail pk=asset  :  ?
GET    ip:edit pk=asset  :  ?
GET    ip:history pk=asset  :  ?
GET    ip:hub_calendar slug=hub_a  :  ?
GET    ip:import  :  ?
GET    ip:import_template  :  ?
GET    ip:list  :  ?
GET    ip:my_deadlines  :  ?
GET    ip:organisation_calendar slug=org_a  :  ?
GET    ip:reminder_dismiss pk=reminder  :  ?
GET    ip:statistics  :  ?
GET    ip:subscribed_calendar key=feed_key  :  ?
GET    ip:transition pk=asset  :  ?
GET    ip:what_if  :  ?
GET    javascript-catalog  :  ?
GET    matching:feedback pk=listing candidate_pk=candidate  :  ?
GET    matching:home  :  ?
GET    matching:introduce pk=listing candidate_pk=candidate  :  ?
GET    matching:introduction_detail pk=introduction  :  ?
GET    matching:introduction_step pk=introduction  :  ?
GET    matching:introductions  :  ?
GET    matching:listing_create kind=offer  :  ?
GET    matching:listing_detail pk=listing  :  ?
GET    matching:listing_edit pk=listing  :  ?
GET    matching:mine  :  ?
GET    network:hub_detail slug=hub_a  :  ?
GET    network:hub_list  :  ?
GET    network:switch  :  ?
GET    ping  :  ?
GET    portal:home  :  ?
GET    portal:news_create  :  ?
GET    portal:news_delete pk=news  :  ?
GET    portal:news_detail pk=news  :  ?
GET    portal:news_edit pk=news  :  ?
GET    portal:news_list  :  ?
GET    portal:news_photo pk=news_photo size=thumb  :  ?
GET    portal:news_photo_add pk=news  :  ?
GET    portal:news_photo_delete pk=news_photo  :  ?
GET    portal:news_publish pk=news  :  ?
GET    portal:showcase  :  ?
GET    portal:showcase_detail pk=product  :  ?
GET    readyz  :  ?
GET    relations:agreement_create  :  ?
GET    relations:agreement_detail pk=agreement  :  ?
GET    relations:agreement_edit pk=agreement  :  ?
GET    relations:agreement_history pk=agreement  :  ?
GET    relations:agreement_list  :  ?
GET    relations:delegation_detail pk=delegation  :  ?
GET    relations:delegation_edit pk=delegation  :  ?
GET    relations:document_download pk=document  :  ?
GET    relations:document_upload pk=agreement  :  ?
GET    relations:due  :  ?
GET    relations:follow_up_add pk=visit  :  ?
GET    relations:follow_up_remove pk=follow_up  :  ?
GET    relations:follow_up_toggle pk=follow_up  :  ?
GET    relations:hub_timeline slug=hub_a  :  ?
GET    relations:member_add pk=delegation  :  ?
GET    relations:member_make_leader pk=delegation_member  :  ?
GET    relations:member_remove pk=delegation_member  :  ?
GET    relations:milestone_add pk=agreement  :  ?
GET    relations:milestone_remove pk=milestone  :  ?
GET    relations:milestone_toggle pk=milestone  :  ?
GET    relations:organisation_timeline slug=org_a  :  ?
GET    relations:picker  :  ?
GET    relations:signatory_add pk=agreement  :  ?
GET    relations:signatory_remove pk=signatory  :  ?
GET    relations:stop_add pk=visit  :  ?
GET    relations:stop_edit pk=stop  :  ?
GET    relations:stop_remove pk=stop  :  ?
GET    relations:visit_create  :  ?
GET    relations:visit_detail pk=visit  :  ?
GET    relations:visit_edit pk=visit  :  ?
GET    relations:visit_list  :  ?
GET    servicedesk:application_detail pk=programme_application  :  ?
GET    servicedesk:applications  :  ?
GET    servicedesk:booking_cancel pk=office_booking  :  ?
GET    servicedesk:bookings  :  ?
GET    servicedesk:catalogue  :  ?
GET    servicedesk:expert_create  :  ?
GET    servicedesk:expert_detail pk=expert  :  ?
GET    servicedesk:expert_edit pk=expert  :  ?
GET    servicedesk:experts  :  ?
GET    servicedesk:figures  :  ?
GET    servicedesk:office_hour_book pk=free_office_hour  :  ?
GET    servicedesk:office_hour_cancel pk=free_office_hour  :  ?
GET    servicedesk:office_hour_create pk=expert  :  ?
GET    servicedesk:programme_apply pk=programme  :  ?
GET    servicedesk:programme_create  :  ?
GET    servicedesk:programme_detail pk=programme  :  ?
GET    servicedesk:programme_edit pk=programme  :  ?
GET    servicedesk:programme_members pk=programme  :  ?
GET    servicedesk:programme_window_add pk=programme  :  ?
GET    servicedesk:programmes  :  ?
GET    servicedesk:providers  :  ?
GET    servicedesk:request_detail pk=request  :  ?
GET    servicedesk:request_file pk=request message_pk=request_message  :  ?
GET    servicedesk:request_message pk=request  :  ?
GET    servicedesk:request_rate pk=request  :  ?
GET    servicedesk:request_route pk=request  :  ?
GET    servicedesk:request_transition pk=request  :  ?
GET    servicedesk:requests  :  ?
GET    servicedesk:service_create  :  ?
GET    servicedesk:service_detail pk=service  :  ?
GET    servicedesk:service_edit pk=service  :  ?
GET    set_language  :  ?
GET    spaces:booking pk=booking  :  ?
GET    spaces:booking_cancel pk=booking  :  ?
GET    spaces:bookings  :  ?
GET    spaces:building_create hub_slug=hub_a  :  ?
GET    spaces:building_edit pk=building  :  ?
GET    spaces:expiring hub_slug=hub_a  :  ?
GET    spaces:floor pk=floor  :  ?
GET    spaces:floor_create hub_slug=hub_a building_pk=building  :  ?
GET    spaces:floor_edit pk=floor  :  ?
GET    spaces:hub hub_slug=hub_a  :  ?
GET    spaces:hub_rooms hub_slug=hub_a  :  ?
GET    spaces:lease pk=lease  :  ?
GET    spaces:lease_cancel pk=lease  :  ?
GET    spaces:lease_create hub_slug=hub_a  :  ?
GET    spaces:lease_edit pk=lease  :  ?
GET    spaces:lease_renew pk=lease  :  ?
GET    spaces:lease_terminate pk=lease  :  ?
GET    spaces:leases  :  ?
GET    spaces:occupancy hub_slug=hub_a  :  ?
GET    spaces:phase_create hub_slug=hub_a  :  ?
GET    spaces:phase_edit pk=phase  :  ?
GET    spaces:room pk=room  :  ?
GET    spaces:room_create hub_slug=hub_a  :  ?
GET    spaces:room_edit pk=room  :  ?
GET    spaces:room_feed pk=room  :  ?
GET    spaces:rooms  :  ?
GET    spaces:site_create hub_slug=hub_a  :  ?
GET    spaces:site_edit pk=site  :  ?
GET    trash:delete label=directory.product pk=product  :  ?
GET    trash:list  :  ?
GET    trash:restore label=directory.product pk=product  :  ?
DELETE /directory/products/photos/{photo_id} photo_id=product_photo  :  ?
DELETE /directory/products/{product_id} product_id=product  :  ?
DELETE /events/contests/assignments/{assignment_id} assignment_id=assignment  :  ?
DELETE /events/sessions/{session_id} session_id=session  :  ?
DELETE /events/{slug} slug=event  :  ?
DELETE /ip/assets/{asset_id} asset_id=asset  :  ?
DELETE /matching/listings/{listing_id} listing_id=listing  :  ?
DELETE /matching/listings/{listing_id}/feedback/{candidate_id} listing_id=listing candidate_id=candidate  :  ?
DELETE /portal/news/photos/{photo_id} photo_id=news_photo  :  ?
DELETE /portal/news/{news_id} news_id=news  :  ?
DELETE /relations/agreements/{agreement_id} agreement_id=agreement  :  ?
DELETE /relations/documents/{document_id} document_id=document  :  ?
DELETE /relations/follow-ups/{follow_up_id} follow_up_id=follow_up  :  ?
DELETE /relations/members/{member_id} member_id=delegation_member  :  ?
DELETE /relations/milestones/{milestone_id} milestone_id=milestone  :  ?
DELETE /relations/signatories/{signatory_id} signatory_id=signatory  :  ?
DELETE /relations/stops/{stop_id} stop_id=stop  :  ?
DELETE /relations/visits/{visit_id} visit_id=visit  :  ?
DELETE /services/office-hours/{office_hour_id} office_hour_id=free_office_hour  :  ?
GET    /accounts/me  :  ?
GET    /directory/applications  :  ?
GET    /directory/applications/status/{token} token=application_token  :  ?
GET    /directory/applications/{application_id} application_id=application  :  ?
GET    /directory/growth  :  ?
GET    /directory/organisations  :  ?
GET    /directory/organisations/{slug} slug=org_a  :  ?
GET    /directory/products  :  ?
GET    /directory/products/{product_id} product_id=product  :  ?
GET    /directory/sectors  :  ?
GET    /events/  :  ?
GET    /events/contests  :  ?
GET    /events/contests/entries/{entry_id} entry_id=entry  :  ?
GET    /events/contests/rounds/{round_id}/scorecards round_id=round  :  ?
GET    /events/contests/{slug} slug=contest  :  ?
GET    /events/contests/{slug}/entries slug=contest  :  ?
GET    /events/contests/{slug}/ranking slug=contest  :  ?
GET    /events/contests/{slug}/results slug=contest  :  ?
GET    /events/registrations/{registration_id} registration_id=registration  :  ?
GET    /events/slots  :  ?
GET    /events/{slug} slug=event  :  ?
GET    /events/{slug}/attendance slug=event  :  ?
GET    /events/{slug}/registrations slug=event  :  ?
GET    /events/{slug}/sessions slug=event  :  ?
GET    /imports/batches/{batch_id} batch_id=import_batch  :  ?
GET    /ip/assets  :  ?
GET    /ip/assets/{asset_id} asset_id=asset  :  ?
GET    /ip/assets/{asset_id}/deadlines asset_id=asset  :  ?
GET    /ip/board  :  ?
GET    /ip/compute  :  ?
GET    /ip/hubs/{slug}/settings slug=hub_a  :  ?
GET    /ip/reminders  :  ?
GET    /ip/statistics  :  ?
GET    /matching/feedback  :  ?
GET    /matching/introductions  :  ?
GET    /matching/introductions/{introduction_id} introduction_id=introduction  :  ?
GET    /matching/listings  :  ?
GET    /matching/listings/{listing_id} listing_id=listing  :  ?
GET    /matching/listings/{listing_id}/matches listing_id=listing  :  ?
GET    /matching/mine  :  ?
GET    /matching/search  :  ?
GET    /matching/status  :  ?
GET    /network/hubs  :  ?
GET    /network/hubs/{slug} slug=hub_a  :  ?
GET    /network/networks  :  ?
GET    /portal/news  :  ?
GET    /portal/news/{news_id} news_id=news  :  ?
GET    /relations/agreements  :  ?
GET    /relations/agreements/{agreement_id} agreement_id=agreement  :  ?
GET    /relations/agreements/{agreement_id}/documents agreement_id=agreement  :  ?
GET    /relations/delegations/{delegation_id} delegation_id=delegation  :  ?
GET    /relations/documents/{document_id}/file document_id=document  :  ?
GET    /relations/due  :  ?
GET    /relations/timeline  :  ?
GET    /relations/visits  :  ?
GET    /relations/visits/{visit_id} visit_id=visit  :  ?
GET    /services/applications  :  ?
GET    /services/applications/{application_id} application_id=programme_application  :  ?
GET    /services/bookings  :  ?
GET    /services/catalogue  :  ?
GET    /services/catalogue/{service_id} service_id=service  :  ?
GET    /services/eligibility  :  ?
GET    /services/experts  :  ?
GET    /services/experts/{expert_id} expert_id=expert  :  ?
GET    /services/experts/{expert_id}/office-hours expert_id=expert  :  ?
GET    /services/facts  :  ?
GET    /services/figures  :  ?
GET    /services/judge-candidates  :  ?
GET    /services/programmes  :  ?
GET    /services/programmes/{programme_id} programme_id=programme  :  ?
GET    /services/providers  :  ?
GET    /services/requests  :  ?
GET    /services/requests/{request_id} request_id=request  :  ?
GET    /services/requests/{request_id}/files/{message_id} request_id=request message_id=request_message  :  ?
GET    /spaces/bookings  :  ?
GET    /spaces/bookings/{booking_id} booking_id=booking  :  ?
GET    /spaces/floors/{floor_id} floor_id=floor  :  ?
GET    /spaces/hubs/{hub_slug}/leases/expiring hub_slug=hub_a  :  ?
GET    /spaces/hubs/{hub_slug}/occupancy hub_slug=hub_a  :  ?
GET    /spaces/hubs/{hub_slug}/phases hub_slug=hub_a  :  ?
GET    /spaces/hubs/{hub_slug}/rooms hub_slug=hub_a  :  ?
GET    /spaces/hubs/{hub_slug}/structure hub_slug=hub_a  :  ?
GET    /spaces/leases  :  ?
GET    /spaces/leases/{lease_id} lease_id=lease  :  ?
GET    /spaces/rooms  :  ?
GET    /spaces/rooms/{room_id} room_id=room  :  ?
GET    /spaces/rooms/{room_id}/bookings room_id=room  :  ?
GET    /spaces/rooms/{room_id}/slots room_id=room  :  ?
PATCH  /directory/organisations/{slug} slug=org_a  :  ?
PATCH  /directory/products/{product_id} product_id=product  :  ?
PATCH  /events/contests/{slug} slug=contest  :  ?
PATCH  /events/sessions/{session_id} session_id=session  :  ?
PATCH  /events/{slug} slug=event  :  ?
PATCH  /ip/assets/{asset_id} asset_id=asset  :  ?
PATCH  /matching/listings/{listing_id} listing_id=listing  :  ?
PATCH  /portal/news/{news_id} news_id=news  :  ?
PATCH  /relations/agreements/{agreement_id} agreement_id=agreement  :  ?
PATCH  /relations/delegations/{delegation_id} delegation_id=delegation  :  ?
PATCH  /relations/follow-ups/{follow_up_id} follow_up_id=follow_up  :  ?
PATCH  /relations/milestones/{milestone_id} milestone_id=milestone  :  ?
PATCH  /relations/stops/{stop_id} stop_id=stop  :  ?
PATCH  /relations/visits/{visit_id} visit_id=visit  :  ?
PATCH  /services/catalogue/{service_id} service_id=service  :  ?
PATCH  /services/programmes/{programme_id} programme_id=programme  :  ?
PATCH  /spaces/buildings/{building_id} building_id=building  :  ?
PATCH  /spaces/floors/{floor_id} floor_id=floor  :  ?
PATCH  /spaces/leases/{lease_id} lease_id=lease  :  ?
PATCH  /spaces/phases/{phase_id} phase_id=phase  :  ?
PATCH  /spaces/rooms/{room_id} room_id=room  :  ?
PATCH  /spaces/sites/{site_id} site_id=site  :  ?
POST   /directory/applications  :  ?
POST   /directory/applications/status/{token}/reply token=application_token  :  ?
POST   /directory/applications/status/{token}/withdraw token=application_token  :  ?
POST   /directory/applications/{application_id}/admit application_id=application  :  ?
POST   /directory/applications/{application_id}/decline application_id=application  :  ?
POST   /directory/applications/{application_id}/notes application_id=application  :  ?
POST   /directory/applications/{application_id}/request-info application_id=application  :  ?
POST   /directory/applications/{application_id}/review application_id=application  :  ?
POST   /directory/applications/{application_id}/scores application_id=application  :  ?
POST   /directory/applications/{application_id}/sponsor application_id=application  :  ?
POST   /directory/memberships/{membership_id}/transition membership_id=membership  :  ?
POST   /directory/organisations  :  ?
POST   /directory/products  :  ?
POST   /directory/products/{product_id}/photos product_id=product  :  ?
POST   /events/  :  ?
POST   /events/check-in  :  ?
POST   /events/contests  :  ?
POST   /events/contests/entries/{entry_id}/files entry_id=entry  :  ?
POST   /events/contests/{slug}/assignments slug=contest  :  ?
POST   /events/contests/{slug}/conflicts slug=contest  :  ?
POST   /events/contests/{slug}/criteria slug=contest  :  ?
POST   /events/contests/{slug}/entries slug=contest  :  ?
POST   /events/contests/{slug}/publish slug=contest  :  ?
POST   /events/contests/{slug}/rounds slug=contest  :  ?
POST   /events/contests/{slug}/rounds/{round_id}/close slug=contest round_id=round  :  ?
POST   /events/contests/{slug}/rounds/{round_id}/open slug=contest round_id=round  :  ?
POST   /events/registrations/{registration_id}/cancel registration_id=registration  :  ?
POST   /events/registrations/{registration_id}/check-in registration_id=registration  :  ?
POST   /events/{slug}/cancel slug=event  :  ?
POST   /events/{slug}/invitations slug=event  :  ?
POST   /events/{slug}/registrations slug=event  :  ?
POST   /events/{slug}/sessions slug=event  :  ?
POST   /imports/batches/{batch_id}/confirm batch_id=import_batch  :  ?
POST   /imports/{kind} kind=organisations  :  ?
POST   /ip/assets  :  ?
POST   /ip/assets/{asset_id}/transition asset_id=asset  :  ?
POST   /ip/deadlines/{deadline_id}/complete deadline_id=deadline  :  ?
POST   /ip/deadlines/{deadline_id}/reopen deadline_id=deadline  :  ?
POST   /ip/reminders/{reminder_id}/dismiss reminder_id=reminder  :  ?
POST   /matching/introductions  :  ?
POST   /matching/introductions/{introduction_id}/steps introduction_id=introduction  :  ?
POST   /matching/listings  :  ?
POST   /portal/news  :  ?
POST   /portal/news/{news_id}/photos news_id=news  :  ?
POST   /portal/news/{news_id}/publish news_id=news  :  ?
POST   /portal/news/{news_id}/unpublish news_id=news  :  ?
POST   /relations/agreements  :  ?
POST   /relations/agreements/{agreement_id}/documents agreement_id=agreement  :  ?
POST   /relations/agreements/{agreement_id}/milestones agreement_id=agreement  :  ?
POST   /relations/agreements/{agreement_id}/signatories agreement_id=agreement  :  ?
POST   /relations/delegations/{delegation_id}/members delegation_id=delegation  :  ?
POST   /relations/visits  :  ?
POST   /relations/visits/{visit_id}/follow-ups visit_id=visit  :  ?
POST   /relations/visits/{visit_id}/stops visit_id=visit  :  ?
POST   /services/applications  :  ?
POST   /services/applications/{application_id}/transition application_id=programme_application  :  ?
POST   /services/bookings/{booking_id}/cancel booking_id=office_booking  :  ?
POST   /services/catalogue  :  ?
POST   /services/experts/{expert_id}/office-hours expert_id=expert  :  ?
POST   /services/office-hours/{office_hour_id}/bookings office_hour_id=free_office_hour  :  ?
POST   /services/programmes  :  ?
POST   /services/programmes/{programme_id}/windows programme_id=programme  :  ?
POST   /services/requests  :  ?
POST   /services/requests/{request_id}/messages request_id=request  :  ?
POST   /services/requests/{request_id}/rating request_id=request  :  ?
POST   /services/requests/{request_id}/route request_id=request  :  ?
POST   /services/requests/{request_id}/transition request_id=request  :  ?
POST   /spaces/booking-series  :  ?
POST   /spaces/booking-series/{series_id}/cancel series_id=booking_series  :  ?
POST   /spaces/bookings  :  ?
POST   /spaces/bookings/{booking_id}/cancel booking_id=booking  :  ?
POST   /spaces/buildings  :  ?
POST   /spaces/buildings/{building_id}/floors building_id=building  :  ?
POST   /spaces/hubs/{hub_slug}/phases hub_slug=hub_a  :  ?
POST   /spaces/hubs/{hub_slug}/sites hub_slug=hub_a  :  ?
POST   /spaces/leases  :  ?
POST   /spaces/leases/{lease_id}/cancel lease_id=lease  :  ?
POST   /spaces/leases/{lease_id}/renew lease_id=lease  :  ?
POST   /spaces/leases/{lease_id}/terminate lease_id=lease  :  ?
POST   /spaces/rooms  :  ?
PUT    /events/contests/entries/{entry_id}/rounds/{round_id}/scorecard entry_id=entry round_id=round  :  ?
PUT    /ip/hubs/{slug}/settings slug=hub_a  :  ?
PUT    /matching/listings/{listing_id}/feedback/{candidate_id} listing_id=listing candidate_id=candidate  :  ?
"""

# Request bodies for API operations whose generated minimal body would not reach the
# permission check (it must name real records); keyed like the rows: "METHOD /path".
BODIES: dict[str, Any] = {}
# Form data for pages whose POST needs fields to reach the permission check.
FORMS: dict[str, Any] = {}


@dataclass(frozen=True)
class Row:
    method: str
    target: str
    params: tuple[tuple[str, str], ...]
    query: str
    allowed: frozenset[str]
    line: str

    @property
    def key(self) -> str:
        return f"{self.method} {self.target}"

    @property
    def is_api(self) -> bool:
        return self.target.startswith("/")


def parse_roles(text: str) -> frozenset[str]:
    roles: set[str] = set()
    for word in text.split():
        if word == "?":  # not decided yet: fails until someone writes the roles
            return frozenset({"?"})
        if word in ALIASES:
            roles |= ALIASES[word]
        elif word in ROLES:
            roles.add(word)
        else:
            raise ValueError(f"unknown role {word!r}")
    return frozenset(roles)


def parse_rows(text: str) -> list[Row]:
    rows = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        request, _sep, roles = line.partition(":  ")
        words = request.split()
        method, target, rest = words[0], words[1], words[2:]
        params = tuple(tuple(w.split("=", 1)) for w in rest if "=" in w and not w.startswith("?"))
        query = next((w[1:] for w in rest if w.startswith("?")), "")
        rows.append(Row(method, target, params, query, parse_roles(roles), line))  # type: ignore[arg-type]
    return rows


# ---------------------------------------------------------------- what exists


def html_endpoints() -> dict[str, str]:
    """Every named page outside the admin and the API: name → route (for the message)."""
    found: dict[str, str] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[None]:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                if ns in {"admin", "api-1.0.0"} or route.startswith(("admin/", "api/")):
                    continue
                yield from walk(pattern, route, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.setdefault(name, route)
                yield None

    list(walk(get_resolver(), "", ""))
    return found


def api_schema() -> dict[str, Any]:
    from innohub.config.api import api

    return api.get_openapi_schema()


def api_endpoints(schema: dict[str, Any]) -> set[str]:
    return {
        f"{method.upper()} {path.removeprefix(API_PREFIX)}"
        for path, operations in schema["paths"].items()
        for method in operations
    }


def suggested_line(key: str, route: str = "") -> str:
    method, target = key.split(" ", 1)
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) or re.findall(r"{(\w+)}", target)
    params = " ".join(f"{name}=RECORD" for name in names)
    return f"{method:6} {target} {params}".rstrip() + "  :  ROLES"


# ---------------------------------------------------------------- the data set


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The world, one record of each kind, and a signed-in client per role (committed once)."""
    from django.core.management import call_command

    from innohub.accounts.services import api_token_create
    from innohub.common.testing import make_world
    from innohub.directory.services import sectors_ensure_builtin

    with django_db_blocker.unblock():
        world = make_world()
        records = matrix_data.build(world)
        pages: dict[str, Client] = {}
        api: dict[str, Client] = {}
        for role, username in CAST.items():
            user = getattr(world, username) if username else None
            page = Client()
            client = Client()
            if user is not None:
                page.force_login(user)
                _token, key = api_token_create(user=user, name="matrix")
                client = Client(headers={"Authorization": f"Bearer {key}"})
            pages[role], api[role] = page, client
    yield {"world": world, "records": records, "pages": pages, "api": api}
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        sectors_ensure_builtin()


def param_value(records: dict[str, Any], name: str, token: str) -> str:
    if token not in records:
        return token
    value = records[token]
    if hasattr(value, "pk"):
        return str(value.slug if "slug" in name else value.pk)
    return str(value)


def row_url(row: Row, records: dict[str, Any]) -> str:
    params = {name: param_value(records, name, token) for name, token in row.params}
    if row.is_api:
        url = API_PREFIX + row.target
        for name, value in params.items():
            url = url.replace("{" + name + "}", value)
    else:
        url = reverse(row.target, kwargs=params)
    if row.query:
        url += "?" + row.query.format(**records)
    return url


# ---------------------------------------------------------------- minimal API bodies


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    if "allOf" in node and len(node["allOf"]) == 1:
        return _resolve(schema, node["allOf"][0])
    return node


def _example(schema: dict[str, Any], node: dict[str, Any]) -> Any:
    node = _resolve(schema, node)
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        return _example(schema, options[0]) if options else None
    if "enum" in node:
        return node["enum"][0]
    if "default" in node:
        return node["default"]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        required = node.get("required", [])
        return {
            name: _example(schema, prop)
            for name, prop in node.get("properties", {}).items()
            if name in required
        }
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, node.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    fmt = node.get("format")
    if fmt == "date":
        return "2030-01-07"
    if fmt == "date-time":
        return "2030-01-07T10:00:00+08:00"
    if fmt == "binary":
        return b""
    return "x" * max(1, node.get("minLength", 1))


def minimal_body(schema: dict[str, Any], row: Row) -> tuple[str | None, Any]:
    operation = schema["paths"][API_PREFIX + row.target][row.method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        return "application/json", _example(schema, content["application/json"]["schema"])
    if "multipart/form-data" in content:
        node = _resolve(schema, content["multipart/form-data"]["schema"])
        form: dict[str, Any] = {}
        for name, prop in node.get("properties", {}).items():
            prop = _resolve(schema, prop)
            binary = prop.get("format") == "binary" or (
                prop.get("type") == "array" and prop.get("items", {}).get("format") == "binary"
            )
            if binary:
                from django.core.files.uploadedfile import SimpleUploadedFile

                form[name] = SimpleUploadedFile("x.png", matrix_data.png_bytes(), "image/png")
            elif name in node.get("required", []):
                value = _example(schema, prop)
                form[name] = json.dumps(value) if isinstance(value, dict | list) else value
        return "multipart/form-data", form
    return None, None


# ---------------------------------------------------------------- asking


@dataclass
class Outcome:
    allowed: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def verdict(row: Row, response: Any) -> str:
    """'allow', 'deny' or a problem: what the answer says about the permission check."""
    status = response.status_code
    if status in (401, 403, 404):
        return "deny"
    if status in (301, 302, 303):
        where = response.headers.get("Location", "")
        return "deny" if where.split("?")[0].endswith(LOGIN) else "allow"
    if 200 <= status < 300 or status in (400, 409):
        return "allow"
    if status == 422:
        return "422: the generated body is invalid; give the row a body in BODIES"
    return f"HTTP {status}"


def ask(row: Row, role: str, m: dict[str, Any], schema: dict[str, Any]) -> str:
    records = m["records"]
    url = row_url(row, records)
    client = m["api" if row.is_api else "pages"][role]
    kwargs: dict[str, Any] = {}
    if row.method != "GET":
        if row.is_api:
            if row.key in BODIES:
                content_type, data = "application/json", BODIES[row.key](records)
            else:
                content_type, data = minimal_body(schema, row)
            if content_type == "application/json":
                kwargs = {"data": json.dumps(data), "content_type": content_type}
            elif content_type:
                kwargs = {"data": data}
        elif row.key in FORMS:
            kwargs = {"data": FORMS[row.key](records)}
    # A row may sign out or switch the language (POST logout, set_language): the client
    # keeps its cookies for the next row whatever the answer set.
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        try:
            response = getattr(client, row.method.lower())(url, **kwargs)
        except Exception as error:  # noqa: BLE001 - the failure message names it
            answer = f"{type(error).__name__}: {error}"
        else:
            answer = verdict(row, response)
        transaction.set_rollback(True)
    client.cookies = cookies
    return answer


def run(rows: list[Row], m: dict[str, Any]) -> tuple[list[str], list[str], int]:
    schema = api_schema()
    mismatches, observed = [], []
    checks = 0
    if DISCOVER:  # also try POST on every page, to find the forms and actions
        known = {row.key for row in rows}
        rows = [
            *rows,
            *(
                Row("POST", r.target, r.params, r.query, r.allowed, "POST" + r.line[3:])
                for r in rows
                if not r.is_api and r.method == "GET" and f"POST {r.target}" not in known
            ),
        ]
    for row in rows:
        outcome = Outcome()
        for role in ROLES:
            answer = ask(row, role, m, schema)
            checks += 1
            if answer == "allow":
                outcome.allowed.add(role)
            elif answer != "deny":
                outcome.problems.append(f"{role}: {answer}")
        observed.append(describe(row, outcome))
        if outcome.problems or outcome.allowed != row.allowed:
            wrong = [role for role in ROLES if (role in outcome.allowed) != (role in row.allowed)]
            mismatches.append(
                f"{row.line}\n    observed: {format_roles(frozenset(outcome.allowed))}"
                f" (differs for {' '.join(wrong) or '-'}) {'; '.join(outcome.problems)}"
            )
    if DISCOVER:
        print("\n".join(observed))
    return mismatches, observed, checks


def format_roles(roles: frozenset[str]) -> str:
    for alias, members in ALIASES.items():
        if roles == members:
            return alias
    if ALIASES["staff"] <= roles:
        rest = sorted(roles - ALIASES["staff"], key=ROLES.index)
        return " ".join(["staff", *rest])
    return " ".join(sorted(roles, key=ROLES.index))


def describe(row: Row, outcome: Outcome) -> str:
    request = row.line.partition(":  ")[0].rstrip()
    return f"{request:70}  :  {format_roles(frozenset(outcome.allowed))}"


# ---------------------------------------------------------------- the tests


def test_every_endpoint_has_a_row():
    rows = parse_rows(ROWS)
    keys = {row.key for row in rows}
    html = html_endpoints()
    covered_names = {row.target for row in rows if not row.is_api}
    missing = [
        suggested_line(f"GET {name}", route)
        for name, route in sorted(html.items())
        if name not in covered_names
    ]
    missing += [
        suggested_line(key) for key in sorted(api_endpoints(api_schema())) if key not in keys
    ]
    unknown = [
        row.line
        for row in rows
        if (row.is_api and row.key not in api_endpoints(api_schema()))
        or (not row.is_api and row.target not in html)
    ]
    assert not missing, (
        f"{len(missing)} endpoint(s) have no row in ROWS of {__file__}. Add these lines "
        "(use POST for pages that only accept POST; RECORD is a key of matrix_data.build, "
        "add the record there if it is new; ROLES lists who may, see the module docstring):\n"
        + "\n".join(missing)
    )
    assert not unknown, "rows for endpoints that no longer exist:\n" + "\n".join(unknown)


@pytest.mark.django_db
def test_each_role_reaches_exactly_the_pages_its_row_allows(matrix):
    mismatches, _observed, _checks = run([r for r in parse_rows(ROWS) if not r.is_api], matrix)
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_each_role_reaches_exactly_the_api_operations_its_row_allows(matrix):
    mismatches, _observed, _checks = run([r for r in parse_rows(ROWS) if r.is_api], matrix)
    assert not mismatches, "\n".join(mismatches)

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
GET    accounts:audit                                                     :  staff staff_b
GET    accounts:login                                                     :  all
GET    accounts:profile                                                   :  signed_in
GET    accounts:tokens                                                    :  signed_in
GET    accounts:welcome uidb64=uidb64 token=welcome_token                 :  all
GET    directory:application_detail pk=application                        :  staff
GET    directory:application_queue                                        :  staff staff_b
GET    directory:application_status token=application_token               :  all
GET    directory:apply                                                    :  all
GET    directory:create                                                   :  staff staff_b
GET    directory:detail slug=org_a                                        :  all
GET    directory:edit slug=org_a                                          :  staff member
GET    directory:export                                                   :  all
GET    directory:growth                                                   :  all
GET    directory:history slug=org_a                                       :  staff
GET    directory:list                                                     :  all
GET    directory:product_create slug=org_a                                :  staff member
GET    directory:product_edit pk=product                                  :  staff member
GET    directory:product_photo pk=product_photo size=thumb                :  all
GET    directory:sponsored_applications                                   :  member
GET    events:calendar                                                    :  all
GET    events:check_in                                                    :  staff staff_b
GET    events:check_in_code code=check_in_code                            :  staff
GET    events:contest_create                                              :  staff staff_b
GET    events:contest_criteria slug=contest                               :  staff
GET    events:contest_detail slug=contest                                 :  all
GET    events:contest_edit slug=contest                                   :  staff
GET    events:contest_enter slug=contest                                  :  signed_in
GET    events:contest_judging slug=contest                                :  judge
GET    events:contest_manage slug=contest                                 :  staff
GET    events:contests                                                    :  all
GET    events:create                                                      :  staff staff_b
GET    events:room_options ?hub={hub_a.pk}                               :  staff
GET    events:detail slug=event                                           :  all
GET    events:edit slug=event                                             :  staff
GET    events:entry_detail pk=entry                                       :  staff member judge
GET    events:entry_edit pk=entry                                         :  staff member
GET    events:entry_file pk=entry file_id=entry_file                      :  staff member judge
GET    events:entry_score pk=entry round_id=round                         :  judge
GET    events:hub_feed slug=hub_a                                         :  all
GET    events:ics slug=event                                              :  all
GET    events:judging                                                     :  signed_in
GET    events:registration token=registration_token                       :  all
GET    events:registration_qr token=registration_token                    :  all
GET    events:registrations slug=event                                    :  staff
GET    events:registrations_csv slug=event                                :  staff
GET    events:session_create slug=event                                   :  staff
GET    events:session_edit slug=event pk=session                          :  staff
GET    events:slots                                                       :  signed_in
GET    healthz                                                            :  all
GET    imports:preview pk=import_batch                                    :  staff
GET    imports:upload kind=organisations                                  :  signed_in
GET    ip:board                                                           :  staff staff_b ip_officer
GET    ip:create                                                          :  staff member staff_b ip_officer
GET    ip:detail pk=asset                                                 :  all
GET    ip:edit pk=asset                                                   :  staff member ip_officer
GET    ip:history pk=asset                                                :  staff member ip_officer
GET    ip:hub_calendar slug=hub_a                                         :  staff ip_officer
GET    ip:import                                                          :  staff staff_b ip_officer
GET    ip:import_template                                                 :  all
GET    ip:list                                                            :  all
GET    ip:my_deadlines                                                    :  signed_in
GET    ip:organisation_calendar slug=org_a                                :  staff member ip_officer
GET    ip:statistics                                                      :  all
GET    ip:subscribed_calendar key=feed_key                                :  all
GET    ip:what_if                                                         :  all
GET    javascript-catalog                                                 :  all
GET    matching:home                                                      :  all
GET    matching:introduction_detail pk=introduction                       :  staff member
GET    matching:introductions                                             :  signed_in
GET    matching:listing_create kind=offer                                 :  staff member staff_b
GET    matching:listing_detail pk=listing                                 :  all
GET    matching:listing_edit pk=listing                                   :  staff member
GET    matching:mine                                                      :  signed_in
GET    network:hub_detail slug=hub_a                                      :  all
GET    network:hub_list                                                   :  all
GET    ping                                                               :  all
GET    search_select                                                      :  signed_in
GET    portal:home                                                        :  all
GET    portal:news_create                                                 :  staff staff_b
GET    portal:news_detail pk=news                                         :  all
GET    portal:news_edit pk=news                                           :  staff
GET    portal:news_list                                                   :  all
GET    portal:news_photo pk=news_photo size=thumb                         :  all
GET    portal:showcase                                                    :  all
GET    portal:showcase_detail pk=product                                  :  all
GET    readyz                                                             :  all
GET    relations:agreement_create                                         :  staff staff_b
GET    relations:agreement_detail pk=agreement                            :  all
GET    relations:agreement_edit pk=agreement                              :  staff
GET    relations:agreement_history pk=agreement                           :  staff
GET    relations:agreement_list                                           :  all
GET    relations:delegation_detail pk=delegation                          :  all
GET    relations:delegation_edit pk=delegation                            :  staff
GET    relations:document_download pk=document                            :  staff member
GET    relations:due                                                      :  staff staff_b
GET    relations:follow_up_add pk=visit                                   :  staff
GET    relations:hub_timeline slug=hub_a                                  :  all
GET    relations:member_add pk=delegation                                 :  staff
GET    relations:organisation_timeline slug=org_a                         :  all
GET    relations:picker                                                   :  signed_in
GET    relations:stop_add pk=visit                                        :  staff
GET    relations:stop_edit pk=stop                                        :  staff
GET    relations:visit_create                                             :  staff staff_b
GET    relations:visit_detail pk=visit                                    :  all
GET    relations:visit_edit pk=visit                                      :  staff
GET    relations:visit_list                                               :  all
GET    reports:annual slug=hub_a                                           :  staff
GET    reports:annual_pdf slug=hub_a                                       :  staff
GET    reports:annual_xlsx slug=hub_a                                      :  staff
GET    reports:home                                                        :  staff staff_b
GET    reports:hub_dashboard slug=hub_a                                    :  staff
GET    reports:network_dashboard                                           :  admin
GET    servicedesk:application_detail pk=programme_application            :  staff member
GET    servicedesk:applications                                           :  signed_in
GET    servicedesk:bookings                                               :  signed_in
GET    servicedesk:catalogue                                              :  all
GET    servicedesk:expert_create                                          :  staff staff_b
GET    servicedesk:expert_detail pk=expert                                :  all
GET    servicedesk:expert_edit pk=expert                                  :  staff
GET    servicedesk:experts                                                :  all
GET    servicedesk:figures                                                :  staff staff_b
GET    servicedesk:programme_create                                       :  staff staff_b
GET    servicedesk:programme_detail pk=programme                          :  all
GET    servicedesk:programme_edit pk=programme                            :  staff
GET    servicedesk:programme_members pk=programme                         :  staff
GET    servicedesk:programmes                                             :  all
GET    servicedesk:providers                                              :  staff staff_b
GET    servicedesk:request_detail pk=request                              :  staff member
GET    servicedesk:request_file pk=request message_pk=request_message     :  staff member
GET    servicedesk:requests                                               :  signed_in
GET    servicedesk:service_create                                         :  staff staff_b
GET    servicedesk:service_detail pk=service                              :  all
GET    servicedesk:service_edit pk=service                                :  staff
GET    set_language                                                       :  all
GET    spaces:booking pk=booking                                          :  staff member
GET    spaces:bookings                                                    :  signed_in
GET    spaces:building_create hub_slug=hub_a                              :  staff
GET    spaces:building_edit pk=building                                   :  staff
GET    spaces:expiring hub_slug=hub_a                                     :  staff
GET    spaces:floor pk=floor                                              :  staff member
GET    spaces:floor_create hub_slug=hub_a building_pk=building            :  staff
GET    spaces:floor_edit pk=floor                                         :  staff
GET    spaces:hub hub_slug=hub_a                                          :  staff
GET    spaces:hub_rooms hub_slug=hub_a                                    :  staff
GET    spaces:lease pk=lease                                              :  staff member
GET    spaces:lease_create hub_slug=hub_a                                 :  staff
GET    spaces:lease_edit pk=lease                                         :  staff
GET    spaces:lease_renew pk=lease                                        :  staff
GET    spaces:leases                                                      :  signed_in
GET    spaces:occupancy hub_slug=hub_a                                    :  staff
GET    spaces:phase_create hub_slug=hub_a                                 :  staff
GET    spaces:phase_edit pk=phase                                         :  staff
GET    spaces:room pk=room                                                :  all
GET    spaces:room_create hub_slug=hub_a                                  :  staff
GET    spaces:room_edit pk=room                                           :  staff
GET    spaces:room_feed pk=room                                           :  all
GET    spaces:rooms                                                       :  all
GET    spaces:site_create hub_slug=hub_a                                  :  staff
GET    spaces:site_edit pk=site                                           :  staff
GET    trash:list                                                         :  signed_in
POST   accounts:audit                                                     :  staff staff_b
POST   accounts:login                                                     :  all
POST   accounts:logout                                                    :  all
POST   accounts:profile                                                   :  signed_in
POST   accounts:set_language                                              :  all
POST   accounts:token_revoke pk=api_token                                 :  member
POST   accounts:tokens                                                    :  signed_in
POST   accounts:welcome uidb64=uidb64 token=welcome_token                 :  all
POST   directory:application_act pk=application action=review             :  staff
POST   directory:application_detail pk=application                        :  staff
POST   directory:application_queue                                        :  staff staff_b
POST   directory:application_status token=application_token               :  all
POST   directory:apply                                                    :  all
POST   directory:create                                                   :  staff staff_b
POST   directory:detail slug=org_a                                        :  all
POST   directory:edit slug=org_a                                          :  staff member
POST   directory:export                                                   :  all
POST   directory:growth                                                   :  all
POST   directory:history slug=org_a                                       :  staff
POST   directory:list                                                     :  all
POST   directory:membership_transition pk=membership                      :  staff
POST   directory:product_create slug=org_a                                :  staff member
POST   directory:product_delete pk=product                                :  staff member
POST   directory:product_edit pk=product                                  :  staff member
POST   directory:product_photo pk=product_photo size=thumb                :  all
POST   directory:product_photo_add pk=product                             :  staff member
POST   directory:product_photo_delete pk=product_photo                    :  staff member
POST   directory:sponsor_decide pk=application                            :  none
POST   directory:sponsored_applications                                   :  member
POST   events:calendar                                                    :  all
POST   events:cancel slug=event                                           :  staff
POST   events:check_in                                                    :  staff staff_b
POST   events:check_in_code code=check_in_code                            :  staff
POST   events:contest_assignments slug=contest                            :  none
POST   events:contest_conflict slug=contest                               :  none
POST   events:contest_conflict_delete slug=contest pk=conflict            :  staff
POST   events:contest_create                                              :  staff staff_b
POST   events:contest_criteria slug=contest                               :  staff
POST   events:contest_detail slug=contest                                 :  all
POST   events:contest_edit slug=contest                                   :  staff
POST   events:contest_enter slug=contest                                  :  signed_in
POST   events:contest_judging slug=contest                                :  judge
POST   events:contest_manage slug=contest                                 :  staff
POST   events:contest_publish slug=contest                                :  staff
POST   events:contest_round_action slug=contest pk=round action=open      :  staff
POST   events:contest_round_add slug=contest                              :  staff
POST   events:contests                                                    :  all
POST   events:create                                                      :  staff staff_b
POST   events:delete slug=event                                           :  staff
POST   events:detail slug=event                                           :  all
POST   events:edit slug=event                                             :  staff
POST   events:entry_detail pk=entry                                       :  staff member judge
POST   events:entry_edit pk=entry                                         :  staff member
POST   events:entry_file pk=entry file_id=entry_file                      :  staff member judge
POST   events:entry_score pk=entry round_id=round                         :  judge
POST   events:hub_feed slug=hub_a                                         :  all
POST   events:ics slug=event                                              :  all
POST   events:invitation_answer token=registration_token                  :  all
POST   events:invite slug=event                                           :  staff
POST   events:judging                                                     :  signed_in
POST   events:register slug=event                                         :  all
POST   events:registration token=registration_token                       :  all
POST   events:registration_action slug=event pk=registration action=check_in  :  none
POST   events:registration_cancel token=registration_token                :  all
POST   events:registration_qr token=registration_token                    :  all
POST   events:registrations slug=event                                    :  staff
POST   events:registrations_csv slug=event                                :  staff
POST   events:session_create slug=event                                   :  staff
POST   events:session_delete slug=event pk=session                        :  staff
POST   events:session_edit slug=event pk=session                          :  staff
POST   events:slots                                                       :  signed_in
POST   healthz                                                            :  all
POST   imports:confirm pk=import_batch                                    :  staff
POST   imports:preview pk=import_batch                                    :  staff
POST   imports:upload kind=organisations                                  :  signed_in
POST   ip:board                                                           :  staff staff_b ip_officer
POST   ip:board_settings slug=hub_a                                       :  staff ip_officer
POST   ip:calendar_subscribe                                              :  none
POST   ip:create                                                          :  staff member staff_b ip_officer
POST   ip:deadline_complete pk=deadline                                   :  staff member ip_officer
POST   ip:deadline_reopen pk=deadline                                     :  staff member ip_officer
POST   ip:delete pk=asset                                                 :  staff ip_officer
POST   ip:detail pk=asset                                                 :  all
POST   ip:edit pk=asset                                                   :  staff member ip_officer
POST   ip:history pk=asset                                                :  staff member ip_officer
POST   ip:hub_calendar slug=hub_a                                         :  staff ip_officer
POST   ip:import                                                          :  staff staff_b ip_officer
POST   ip:import_template                                                 :  all
POST   ip:list                                                            :  all
POST   ip:my_deadlines                                                    :  signed_in
POST   ip:organisation_calendar slug=org_a                                :  staff member ip_officer
POST   ip:reminder_dismiss pk=reminder                                    :  member
POST   ip:statistics                                                      :  all
POST   ip:subscribed_calendar key=feed_key                                :  all
POST   ip:transition pk=asset                                             :  staff member ip_officer
POST   ip:what_if                                                         :  all
POST   matching:feedback pk=listing candidate_pk=candidate                :  staff member
POST   matching:home                                                      :  all
POST   matching:introduce pk=listing candidate_pk=candidate               :  staff
POST   matching:introduction_detail pk=introduction                       :  staff member
POST   matching:introduction_step pk=introduction                         :  staff
POST   matching:introductions                                             :  signed_in
POST   matching:listing_create kind=offer                                 :  staff member staff_b
POST   matching:listing_detail pk=listing                                 :  all
POST   matching:listing_edit pk=listing                                   :  staff member
POST   matching:mine                                                      :  signed_in
POST   network:hub_detail slug=hub_a                                      :  all
POST   network:hub_list                                                   :  all
POST   network:switch                                                     :  all
POST   ping                                                               :  all
POST   search_select                                                      :  signed_in
POST   portal:home                                                        :  all
POST   portal:news_create                                                 :  staff staff_b
POST   portal:news_delete pk=news                                         :  staff
POST   portal:news_detail pk=news                                         :  all
POST   portal:news_edit pk=news                                           :  staff
POST   portal:news_list                                                   :  all
POST   portal:news_photo pk=news_photo size=thumb                         :  all
POST   portal:news_photo_add pk=news                                      :  staff
POST   portal:news_photo_delete pk=news_photo                             :  staff
POST   portal:news_publish pk=news                                        :  staff
POST   portal:showcase                                                    :  all
POST   portal:showcase_detail pk=product                                  :  all
POST   readyz                                                             :  all
POST   relations:agreement_create                                         :  staff staff_b
POST   relations:agreement_detail pk=agreement                            :  all
POST   relations:agreement_edit pk=agreement                              :  staff
POST   relations:agreement_history pk=agreement                           :  staff
POST   relations:agreement_list                                           :  all
POST   relations:delegation_detail pk=delegation                          :  all
POST   relations:delegation_edit pk=delegation                            :  staff
POST   relations:document_download pk=document                            :  staff member
POST   relations:document_upload pk=agreement                             :  staff
POST   relations:due                                                      :  staff staff_b
POST   relations:follow_up_add pk=visit                                   :  staff
POST   relations:follow_up_remove pk=follow_up                            :  staff
POST   relations:follow_up_toggle pk=follow_up                            :  staff member
POST   relations:hub_timeline slug=hub_a                                  :  all
POST   relations:member_add pk=delegation                                 :  staff
POST   relations:member_make_leader pk=delegation_member                  :  staff
POST   relations:member_remove pk=delegation_member                       :  staff
POST   relations:milestone_add pk=agreement                               :  staff
POST   relations:milestone_remove pk=milestone                            :  staff
POST   relations:milestone_toggle pk=milestone                            :  staff member
POST   relations:organisation_timeline slug=org_a                         :  all
POST   relations:picker                                                   :  signed_in
POST   relations:signatory_add pk=agreement                               :  staff
POST   relations:signatory_remove pk=signatory                            :  staff
POST   relations:stop_add pk=visit                                        :  staff
POST   relations:stop_edit pk=stop                                        :  staff
POST   relations:stop_remove pk=stop                                      :  staff
POST   relations:visit_create                                             :  staff staff_b
POST   relations:visit_detail pk=visit                                    :  all
POST   relations:visit_edit pk=visit                                      :  staff
POST   relations:visit_list                                               :  all
POST   servicedesk:application_detail pk=programme_application            :  staff
POST   servicedesk:applications                                           :  signed_in
POST   servicedesk:booking_cancel pk=office_booking                       :  staff member
POST   servicedesk:bookings                                               :  signed_in
POST   servicedesk:catalogue                                              :  all
POST   servicedesk:expert_create                                          :  staff staff_b
POST   servicedesk:expert_detail pk=expert                                :  all
POST   servicedesk:expert_edit pk=expert                                  :  staff
POST   servicedesk:expert_judge pk=expert                                  :  staff
POST   servicedesk:experts                                                :  all
POST   servicedesk:figures                                                :  staff staff_b
POST   servicedesk:office_hour_book pk=free_office_hour                   :  member
POST   servicedesk:office_hour_cancel pk=free_office_hour                 :  staff
POST   servicedesk:office_hour_create pk=expert                           :  staff
POST   servicedesk:programme_apply pk=programme                           :  member
POST   servicedesk:programme_create                                       :  staff staff_b
POST   servicedesk:programme_detail pk=programme                          :  all
POST   servicedesk:programme_edit pk=programme                            :  staff
POST   servicedesk:programme_members pk=programme                         :  staff
POST   servicedesk:programme_window_add pk=programme                      :  staff
POST   servicedesk:programmes                                             :  all
POST   servicedesk:providers                                              :  staff staff_b
POST   servicedesk:request_detail pk=request                              :  staff member
POST   servicedesk:request_file pk=request message_pk=request_message     :  staff member
POST   servicedesk:request_message pk=request                             :  staff member
POST   servicedesk:request_rate pk=request                                :  staff member
POST   servicedesk:request_route pk=request                               :  staff
POST   servicedesk:request_transition pk=request                          :  staff member
POST   servicedesk:requests                                               :  signed_in
POST   servicedesk:service_create                                         :  staff staff_b
POST   servicedesk:service_detail pk=service                              :  all
POST   servicedesk:service_edit pk=service                                :  staff
POST   set_language                                                       :  all
POST   spaces:booking pk=booking                                          :  staff member
POST   spaces:booking_cancel pk=booking                                   :  staff member
POST   spaces:bookings                                                    :  signed_in
POST   spaces:building_create hub_slug=hub_a                              :  staff
POST   spaces:building_edit pk=building                                   :  staff
POST   spaces:expiring hub_slug=hub_a                                     :  staff
POST   spaces:floor pk=floor                                              :  staff member
POST   spaces:floor_create hub_slug=hub_a building_pk=building            :  staff
POST   spaces:floor_edit pk=floor                                         :  staff
POST   spaces:hub hub_slug=hub_a                                          :  staff
POST   spaces:hub_rooms hub_slug=hub_a                                    :  staff
POST   spaces:lease pk=lease                                              :  staff member
POST   spaces:lease_cancel pk=lease                                       :  staff
POST   spaces:lease_create hub_slug=hub_a                                 :  staff
POST   spaces:lease_edit pk=lease                                         :  staff
POST   spaces:lease_renew pk=lease                                        :  staff
POST   spaces:lease_terminate pk=lease                                    :  staff
POST   spaces:leases                                                      :  signed_in
POST   spaces:occupancy hub_slug=hub_a                                    :  staff
POST   spaces:phase_create hub_slug=hub_a                                 :  staff
POST   spaces:phase_edit pk=phase                                         :  staff
POST   spaces:room pk=room                                                :  staff member
POST   spaces:room_create hub_slug=hub_a                                  :  staff
POST   spaces:room_edit pk=room                                           :  staff
POST   spaces:room_feed pk=room                                           :  all
POST   spaces:rooms                                                       :  all
POST   spaces:site_create hub_slug=hub_a                                  :  staff
POST   spaces:site_edit pk=site                                           :  staff
POST   trash:delete label=directory.product pk=product                    :  staff member
POST   trash:list                                                         :  signed_in
POST   trash:restore label=directory.product pk=product                   :  none
DELETE /directory/products/photos/{photo_id} photo_id=product_photo       :  staff member
DELETE /directory/products/{product_id} product_id=product                :  staff member
DELETE /events/contests/assignments/{assignment_id} assignment_id=assignment  :  staff
DELETE /events/sessions/{session_id} session_id=session                   :  staff
DELETE /events/{slug} slug=event                                          :  staff
DELETE /ip/assets/{asset_id} asset_id=asset                               :  staff ip_officer
DELETE /matching/listings/{listing_id} listing_id=listing                 :  staff member
DELETE /matching/listings/{listing_id}/feedback/{candidate_id} listing_id=listing candidate_id=candidate  :  staff member
DELETE /portal/news/photos/{photo_id} photo_id=news_photo                 :  staff
DELETE /portal/news/{news_id} news_id=news                                :  staff
DELETE /relations/agreements/{agreement_id} agreement_id=agreement        :  staff
DELETE /relations/documents/{document_id} document_id=document            :  staff
DELETE /relations/follow-ups/{follow_up_id} follow_up_id=follow_up        :  staff
DELETE /relations/members/{member_id} member_id=delegation_member         :  staff
DELETE /relations/milestones/{milestone_id} milestone_id=milestone        :  staff
DELETE /relations/signatories/{signatory_id} signatory_id=signatory       :  staff
DELETE /relations/stops/{stop_id} stop_id=stop                            :  staff
DELETE /relations/visits/{visit_id} visit_id=visit                        :  staff
DELETE /services/office-hours/{office_hour_id} office_hour_id=free_office_hour  :  staff
GET    /accounts/me                                                       :  signed_in
GET    /directory/applications                                            :  staff staff_b
GET    /directory/applications/status/{token} token=application_token     :  all
GET    /directory/applications/{application_id} application_id=application  :  staff
GET    /directory/growth ?hub={hub_a.slug}                                :  all
GET    /directory/organisations                                           :  all
GET    /directory/organisations/{slug} slug=org_a                         :  all
GET    /directory/products                                                :  all
GET    /directory/products/{product_id} product_id=product                :  all
GET    /directory/sectors                                                 :  all
GET    /events/                                                           :  all
GET    /events/contests                                                   :  all
GET    /events/contests/entries/{entry_id} entry_id=entry                 :  staff member judge
GET    /events/contests/rounds/{round_id}/scorecards round_id=round       :  staff judge
GET    /events/contests/{slug} slug=contest                               :  all
GET    /events/contests/{slug}/entries slug=contest                       :  signed_in
GET    /events/contests/{slug}/ranking slug=contest                       :  staff
GET    /events/contests/{slug}/results slug=contest                       :  none
GET    /events/registrations/{registration_id} registration_id=registration  :  staff
GET    /events/slots ?date_from=2030-01-07&date_to=2030-01-11&minutes=60  :  all
GET    /events/{slug} slug=event                                          :  all
GET    /events/{slug}/attendance slug=event                               :  staff
GET    /events/{slug}/registrations slug=event                            :  staff
GET    /events/{slug}/sessions slug=event                                 :  all
GET    /imports/batches/{batch_id} batch_id=import_batch                  :  staff
GET    /ip/assets                                                         :  all
GET    /ip/assets/{asset_id} asset_id=asset                               :  all
GET    /ip/assets/{asset_id}/deadlines asset_id=asset                     :  staff member ip_officer
GET    /ip/board ?hub={hub_a.slug}                                        :  staff ip_officer
GET    /ip/compute ?type=cn-invention&filed_on=2020-12-03                 :  all
GET    /ip/hubs/{slug}/settings slug=hub_a                                :  staff ip_officer
GET    /ip/reminders                                                      :  signed_in
GET    /ip/statistics                                                     :  all
GET    /matching/feedback                                                 :  signed_in
GET    /matching/introductions                                            :  signed_in
GET    /matching/introductions/{introduction_id} introduction_id=introduction  :  staff member
GET    /matching/listings                                                 :  all
GET    /matching/listings/{listing_id} listing_id=listing                 :  all
GET    /matching/listings/{listing_id}/matches listing_id=listing         :  staff member
GET    /matching/mine                                                     :  signed_in
GET    /matching/search ?q=robot                                          :  all
GET    /matching/status                                                   :  all
GET    /network/hubs                                                      :  all
GET    /network/hubs/{slug} slug=hub_a                                    :  all
GET    /network/networks                                                  :  all
GET    /portal/news                                                       :  all
GET    /portal/news/{news_id} news_id=news                                :  all
GET    /relations/agreements                                              :  all
GET    /relations/agreements/{agreement_id} agreement_id=agreement        :  all
GET    /relations/agreements/{agreement_id}/documents agreement_id=agreement  :  all
GET    /relations/delegations/{delegation_id} delegation_id=delegation    :  all
GET    /relations/documents/{document_id}/file document_id=document       :  staff member
GET    /relations/due                                                     :  staff staff_b
GET    /relations/timeline                                                :  all
GET    /relations/visits                                                  :  all
GET    /relations/visits/{visit_id} visit_id=visit                        :  all
GET    /reports/hubs/{slug}/figures slug=hub_a                             :  staff
GET    /reports/network/figures                                            :  admin
GET    /services/applications                                             :  signed_in
GET    /services/applications/{application_id} application_id=programme_application  :  staff member
GET    /services/bookings                                                 :  signed_in
GET    /services/catalogue ?hub={hub_a.slug}                              :  all
GET    /services/catalogue/{service_id} service_id=service                :  all
GET    /services/eligibility ?hub={hub_a.slug}                            :  signed_in
GET    /services/experts ?hub={hub_a.slug}                                :  all
GET    /services/experts/{expert_id} expert_id=expert                     :  all
POST   /services/experts/{expert_id}/judge expert_id=expert                :  staff
GET    /services/experts/{expert_id}/office-hours expert_id=expert        :  all
GET    /services/facts                                                    :  all
GET    /services/figures ?hub={hub_a.slug}&start=2025-01-01&end=2025-12-31  :  staff
GET    /services/judge-candidates ?hub={hub_a.slug}                       :  staff
GET    /services/programmes ?hub={hub_a.slug}                             :  all
GET    /services/programmes/{programme_id} programme_id=programme         :  all
GET    /services/providers ?hub={hub_a.slug}                              :  all
GET    /services/requests                                                 :  signed_in
GET    /services/requests/{request_id} request_id=request                 :  staff member
GET    /services/requests/{request_id}/files/{message_id} request_id=request message_id=request_message  :  staff member
GET    /spaces/bookings                                                   :  signed_in
GET    /spaces/bookings/{booking_id} booking_id=booking                   :  staff member
GET    /spaces/floors/{floor_id} floor_id=floor                           :  staff member
GET    /spaces/hubs/{hub_slug}/leases/expiring hub_slug=hub_a             :  staff
GET    /spaces/hubs/{hub_slug}/occupancy hub_slug=hub_a                   :  staff
GET    /spaces/hubs/{hub_slug}/phases hub_slug=hub_a                      :  all
GET    /spaces/hubs/{hub_slug}/rooms hub_slug=hub_a                       :  staff
GET    /spaces/hubs/{hub_slug}/structure hub_slug=hub_a                   :  staff
GET    /spaces/leases                                                     :  signed_in
GET    /spaces/leases/{lease_id} lease_id=lease                           :  staff member
GET    /spaces/rooms                                                      :  all
GET    /spaces/rooms/{room_id} room_id=room                               :  all
GET    /spaces/rooms/{room_id}/bookings room_id=room ?start=2030-01-01&end=2030-01-31  :  all
GET    /spaces/rooms/{room_id}/slots room_id=room ?day=2030-01-07         :  all
PATCH  /directory/organisations/{slug} slug=org_a                         :  staff member
PATCH  /directory/products/{product_id} product_id=product                :  staff member
PATCH  /events/contests/{slug} slug=contest                               :  staff
PATCH  /events/sessions/{session_id} session_id=session                   :  staff
PATCH  /events/{slug} slug=event                                          :  staff
PATCH  /ip/assets/{asset_id} asset_id=asset                               :  staff member ip_officer
PATCH  /matching/listings/{listing_id} listing_id=listing                 :  staff member
PATCH  /portal/news/{news_id} news_id=news                                :  staff
PATCH  /relations/agreements/{agreement_id} agreement_id=agreement        :  staff
PATCH  /relations/delegations/{delegation_id} delegation_id=delegation    :  staff
PATCH  /relations/follow-ups/{follow_up_id} follow_up_id=follow_up        :  staff member
PATCH  /relations/milestones/{milestone_id} milestone_id=milestone        :  staff member
PATCH  /relations/stops/{stop_id} stop_id=stop                            :  staff
PATCH  /relations/visits/{visit_id} visit_id=visit                        :  staff
PATCH  /services/catalogue/{service_id} service_id=service                :  staff
PATCH  /services/programmes/{programme_id} programme_id=programme         :  staff
PATCH  /spaces/buildings/{building_id} building_id=building               :  staff
PATCH  /spaces/floors/{floor_id} floor_id=floor                           :  staff
PATCH  /spaces/leases/{lease_id} lease_id=lease                           :  staff
PATCH  /spaces/phases/{phase_id} phase_id=phase                           :  staff
PATCH  /spaces/rooms/{room_id} room_id=room                               :  staff
PATCH  /spaces/sites/{site_id} site_id=site                               :  staff
POST   /directory/applications                                            :  all
POST   /directory/applications/status/{token}/reply token=application_token  :  all
POST   /directory/applications/status/{token}/withdraw token=application_token  :  all
POST   /directory/applications/{application_id}/admit application_id=application  :  staff
POST   /directory/applications/{application_id}/decline application_id=application  :  staff
POST   /directory/applications/{application_id}/notes application_id=application  :  staff
POST   /directory/applications/{application_id}/request-info application_id=application  :  staff
POST   /directory/applications/{application_id}/review application_id=application  :  staff
POST   /directory/applications/{application_id}/scores application_id=application  :  staff
POST   /directory/applications/{application_id}/sponsor application_id=application  :  none
POST   /directory/memberships/{membership_id}/transition membership_id=membership  :  staff
POST   /directory/organisations                                           :  staff
POST   /directory/products                                                :  staff member
POST   /directory/products/{product_id}/photos product_id=product         :  staff member
POST   /events/                                                           :  staff
POST   /events/check-in                                                   :  staff
POST   /events/contests                                                   :  staff
POST   /events/contests/entries/{entry_id}/files entry_id=entry           :  staff
POST   /events/contests/{slug}/assignments slug=contest                   :  staff
POST   /events/contests/{slug}/conflicts slug=contest                     :  judge
POST   /events/contests/{slug}/criteria slug=contest                      :  staff
POST   /events/contests/{slug}/entries slug=contest                       :  signed_in
POST   /events/contests/{slug}/publish slug=contest                       :  staff
POST   /events/contests/{slug}/rounds slug=contest                        :  staff
POST   /events/contests/{slug}/rounds/{round_id}/close slug=contest round_id=round  :  staff
POST   /events/contests/{slug}/rounds/{round_id}/open slug=contest round_id=round  :  staff
POST   /events/registrations/{registration_id}/cancel registration_id=registration  :  staff
POST   /events/registrations/{registration_id}/check-in registration_id=registration  :  staff
POST   /events/{slug}/cancel slug=event                                   :  staff
POST   /events/{slug}/invitations slug=event                              :  staff
POST   /events/{slug}/registrations slug=event                            :  all
POST   /events/{slug}/sessions slug=event                                 :  staff
POST   /imports/batches/{batch_id}/confirm batch_id=import_batch          :  staff
POST   /imports/{kind} kind=organisations                                 :  staff staff_b
POST   /ip/assets                                                         :  staff member ip_officer
POST   /ip/assets/{asset_id}/transition asset_id=asset                    :  staff member ip_officer
POST   /ip/deadlines/{deadline_id}/complete deadline_id=deadline          :  staff member ip_officer
POST   /ip/deadlines/{deadline_id}/reopen deadline_id=deadline            :  staff member ip_officer
POST   /ip/reminders/{reminder_id}/dismiss reminder_id=reminder           :  member
POST   /matching/introductions                                            :  staff
POST   /matching/introductions/{introduction_id}/steps introduction_id=introduction  :  staff
POST   /matching/listings                                                 :  staff member
POST   /portal/news                                                       :  staff
POST   /portal/news/{news_id}/photos news_id=news                         :  staff
POST   /portal/news/{news_id}/publish news_id=news                        :  staff
POST   /portal/news/{news_id}/unpublish news_id=news                      :  staff
POST   /relations/agreements                                              :  staff
POST   /relations/agreements/{agreement_id}/documents agreement_id=agreement  :  staff
POST   /relations/agreements/{agreement_id}/milestones agreement_id=agreement  :  staff
POST   /relations/agreements/{agreement_id}/signatories agreement_id=agreement  :  staff
POST   /relations/delegations/{delegation_id}/members delegation_id=delegation  :  staff
POST   /relations/visits                                                  :  staff
POST   /relations/visits/{visit_id}/follow-ups visit_id=visit             :  staff
POST   /relations/visits/{visit_id}/stops visit_id=visit                  :  staff
POST   /services/applications                                             :  signed_in
POST   /services/applications/{application_id}/transition application_id=programme_application  :  staff
POST   /services/bookings/{booking_id}/cancel booking_id=office_booking   :  staff member
POST   /services/catalogue                                                :  staff
POST   /services/experts/{expert_id}/office-hours expert_id=expert        :  staff
POST   /services/office-hours/{office_hour_id}/bookings office_hour_id=free_office_hour  :  signed_in
POST   /services/programmes                                               :  staff
POST   /services/programmes/{programme_id}/windows programme_id=programme  :  staff
POST   /services/requests                                                 :  signed_in
POST   /services/requests/{request_id}/messages request_id=request        :  staff member
POST   /services/requests/{request_id}/rating request_id=request          :  member
POST   /services/requests/{request_id}/route request_id=request           :  staff
POST   /services/requests/{request_id}/transition request_id=request      :  staff member
POST   /spaces/booking-series                                             :  staff member
POST   /spaces/booking-series/{series_id}/cancel series_id=booking_series  :  staff member
POST   /spaces/bookings                                                   :  staff member
POST   /spaces/bookings/{booking_id}/cancel booking_id=booking            :  staff member
POST   /spaces/buildings                                                  :  staff
POST   /spaces/buildings/{building_id}/floors building_id=building        :  staff
POST   /spaces/hubs/{hub_slug}/phases hub_slug=hub_a                      :  staff
POST   /spaces/hubs/{hub_slug}/sites hub_slug=hub_a                       :  staff
POST   /spaces/leases                                                     :  staff
POST   /spaces/leases/{lease_id}/cancel lease_id=lease                    :  staff
POST   /spaces/leases/{lease_id}/renew lease_id=lease                     :  staff
POST   /spaces/leases/{lease_id}/terminate lease_id=lease                 :  staff
POST   /spaces/rooms                                                      :  staff
PUT    /events/contests/entries/{entry_id}/rounds/{round_id}/scorecard entry_id=entry round_id=round  :  judge
PUT    /ip/hubs/{slug}/settings slug=hub_a                                :  staff ip_officer
PUT    /matching/listings/{listing_id}/feedback/{candidate_id} listing_id=listing candidate_id=candidate  :  staff member
"""

# Request bodies for API operations whose generated minimal body would not reach the
# permission check (it must name real records); keyed like the rows: "METHOD /path".
BODIES: dict[str, Any] = {
    "POST /directory/applications": lambda r: {
        "hub": r["hub_a"].slug,
        "name": {"en": "Matrix Labs"},
        "kind": "startup",
        "country": "IL",
        "contacts": [{"name": "Dana", "email": "dana@matrix.test"}],
    },
    "POST /directory/applications/{application_id}/scores": lambda r: {
        "scores": [{"criterion": "team", "points": 3}]
    },
    "POST /directory/memberships/{membership_id}/transition": lambda r: {"state": "graduated"},
    "POST /ip/assets/{asset_id}/transition": lambda r: {"status": "lapsed"},
    "POST /relations/agreements": lambda r: {
        "title": {"en": "MoU"},
        "hub": r["hub_a"].slug,
        "parties": [{"organisation": r["org_a"].slug}, {"organisation": r["org_b"].slug}],
    },
    "POST /spaces/bookings": lambda r: {
        "room": r["room"].pk,
        "starts_at": "2030-01-07T10:00:00+08:00",
        "ends_at": "2030-01-07T11:00:00+08:00",
        "title": "Matrix",
        "attendance": 2,
    },
    "POST /spaces/booking-series": lambda r: {
        "room": r["room"].pk,
        "starts_at": "2030-01-07T10:00:00+08:00",
        "ends_at": "2030-01-07T11:00:00+08:00",
        "title": "Matrix",
        "attendance": 2,
        "repeat": {"frequency": "weekly", "count": 2},
    },
    "POST /spaces/leases": lambda r: {
        "hub": r["hub_a"].slug,
        "organisation": r["org_a"].slug,
        "rooms": [r["room"].pk],
        "starts_on": "2031-01-01",
        "ends_on": "2031-12-31",
        "rent_rate": "4.00",
    },
    "POST /spaces/rooms": lambda r: {
        "floor": r["floor"].pk,
        "code": "M-1",
        "kind": "meeting",
        "area_m2": "20",
        "capacity": 4,
    },
    "POST /spaces/buildings": lambda r: {
        "site": r["site"].pk,
        "code": "M",
        "name": {"en": "Matrix building"},
    },
    "POST /directory/organisations": lambda r: {
        "name": {"en": "Matrix Org"},
        "kind": "startup",
        "hub": r["hub_a"].slug,
    },
    "POST /directory/products": lambda r: {
        "name": {"en": "Matrix product"},
        "organisation": r["org_a"].slug,
    },
    "POST /events/": lambda r: {
        "kind": "forum",
        "title": {"en": "Matrix forum"},
        "starts_at": "2030-01-07T10:00:00+08:00",
        "ends_at": "2030-01-07T11:00:00+08:00",
        "hub": r["hub_a"].slug,
    },
    "POST /events/check-in": lambda r: {"code": r["check_in_code"]},
    "POST /events/contests": lambda r: {"title": {"en": "Matrix cup"}, "hub": r["hub_a"].slug},
    "POST /relations/visits": lambda r: {"title": {"en": "Matrix visit"}, "hub": r["hub_a"].slug},
    "POST /ip/assets": lambda r: {
        "type": "cn-trademark",
        "title": {"en": "MATRIX"},
        "owners": [r["org_a"].slug],
        "hub": r["hub_a"].slug,
    },
    "POST /portal/news": lambda r: {"title": {"en": "Matrix news"}, "hub": r["hub_a"].slug},
    "POST /services/catalogue": lambda r: {
        "category": "legal",
        "name": {"en": "Matrix advice"},
        "hub": r["hub_a"].slug,
    },
    "POST /services/programmes": lambda r: {
        "funder_kind": "hub",
        "name": {"en": "Matrix grant"},
        "hub": r["hub_a"].slug,
    },
    "POST /services/requests": lambda r: {
        "service_id": r["service"].pk,
        "subject": "Matrix",
        "description": "Please help.",
    },
    "POST /services/applications": lambda r: {"programme_id": r["programme"].pk},
    "POST /matching/listings": lambda r: {
        "title": {"en": "Matrix offer"},
        "description": {"en": "A matrix of tests."},
        "kind": "offer",
        "organisation": r["org_a"].slug,
        "hub": r["hub_a"].slug,
    },
    "POST /matching/introductions": lambda r: {
        "listing": r["candidate"].pk,
        "counterpart": r["listing"].pk,
    },
}
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
        # Start from an empty database even after an interrupted run of a reused one.
        call_command("flush", interactive=False, verbosity=0)
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
            elif row.key in FORMS:
                content_type, data = "multipart/form-data", FORMS[row.key](records)
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
        except Exception as error:
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
    api = api_endpoints(api_schema())
    missing += [suggested_line(key) for key in sorted(api) if key not in keys]
    unknown = [
        row.line
        for row in rows
        if (row.is_api and row.key not in api) or (not row.is_api and row.target not in html)
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

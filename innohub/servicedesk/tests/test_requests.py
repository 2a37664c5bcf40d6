"""Requests: routing, who sees them, the state machine, due times and lateness, ratings."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from innohub.servicedesk import access, selectors, services
from innohub.servicedesk.models import (
    ProviderAccreditation,
    RequestState,
    ServiceRequest,
    Side,
)
from innohub.servicedesk.working_time import Timeliness

from .conftest import sh

pytestmark = pytest.mark.django_db
S = RequestState


def visible(user):
    return set(selectors.request_list(user=user).values_list("pk", flat=True))


def test_it_routes_a_request_to_the_service_provider(desk, submit):
    request = submit()
    assert request.provider == desk.provider
    assert request.state == S.SUBMITTED
    assert request.events.get().to_state == S.SUBMITTED
    staff_offered = submit(service=desk.company_setup)
    assert staff_offered.provider is None


def test_a_member_never_sees_another_members_request(desk, submit):
    bobs = submit()
    carols = submit(organisation=desk.org_c, by=desk.carol, subject="Visa for our founder")
    assert visible(desk.bob) == {bobs.pk}
    assert visible(desk.carol) == {carols.pk}
    with pytest.raises(Http404):
        access.access_request_for_user(desk.carol, bobs)
    with pytest.raises(Http404):
        access.access_request_for_user(desk.bob, carols)


def test_a_provider_sees_only_requests_routed_to_it(desk, submit):
    routed = submit()
    staff_only = submit(service=desk.company_setup)
    assert visible(desk.paula) == {routed.pk}
    assert visible(desk.quentin) == set()
    assert access.request_side(desk.paula, routed) == Side.PROVIDER
    with pytest.raises(Http404):
        access.access_request_for_user(desk.paula, staff_only)
    with pytest.raises(Http404):
        access.access_request_for_user(desk.quentin, routed)


def test_staff_see_their_hubs_requests_and_no_other_hubs(desk, submit):
    request = submit()
    assert visible(desk.alice) == {request.pk}
    assert visible(desk.charlie) == set()
    assert visible(desk.dave) == {request.pk}
    for outsider in (desk.charlie, desk.mallory, desk.ivan, desk.judy, desk.erin):
        with pytest.raises(Http404):
            access.access_request_for_user(outsider, request)


def test_rerouting_moves_the_request_from_one_provider_to_another(desk, submit):
    request = submit()
    services.request_route(request=request, provider=desk.other_provider, by=desk.alice)
    request.refresh_from_db()
    assert visible(desk.paula) == set()
    assert visible(desk.quentin) == {request.pk}
    assert "Quill Law" in request.events.last().note
    with pytest.raises(PermissionDenied):
        services.request_route(request=request, provider=desk.provider, by=desk.quentin)
    services.request_route(request=request, provider=None, by=desk.alice)
    request.refresh_from_db()
    assert request.provider is None and visible(desk.quentin) == set()


def test_only_current_members_of_the_hub_may_request(desk, submit):
    with pytest.raises(PermissionDenied):
        submit(organisation=desk.org_a_applicant, by=desk.bob)
    with pytest.raises(PermissionDenied):
        submit(by=desk.mallory)
    with pytest.raises(PermissionDenied):
        submit(service=desk.service_b)  # org_a is not a member of hub B
    # Hub staff may file a request on a member's behalf.
    assert submit(by=desk.alice).organisation == desk.org_a


def test_a_lapsed_accreditation_sends_the_request_to_hub_staff(desk, submit):
    ProviderAccreditation.objects.filter(organisation=desk.provider).update(
        valid_until=date(2024, 12, 31)
    )
    assert submit().provider is None


def test_the_whole_way_from_submitted_to_done_and_rated(desk, submit):
    request = submit(now=sh(2025, 3, 17, 10, 0))
    services.request_transition(
        request=request, to_state=S.ACCEPTED, by=desk.paula, now=sh(2025, 3, 17, 11, 30)
    )
    services.request_transition(
        request=request, to_state=S.IN_PROGRESS, by=desk.paula, now=sh(2025, 3, 18, 9, 0)
    )
    services.request_transition(
        request=request, to_state=S.DONE, by=desk.paula, now=sh(2025, 3, 19, 17, 0)
    )
    services.request_rate(request=request, by=desk.bob, rating=5, comment="Fast and clear.")
    request.refresh_from_db()
    assert request.state == S.DONE and request.rating == 5
    assert request.response_minutes == 90
    assert request.completion_minutes == (8 + 9 + 8) * 60
    assert [e.to_state for e in request.events.all()] == [
        S.SUBMITTED,
        S.ACCEPTED,
        S.IN_PROGRESS,
        S.DONE,
    ]


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], S.DONE),
        ([], S.IN_PROGRESS),
        ([], S.WAITING_MEMBER),
        ([S.ACCEPTED], S.SUBMITTED),
        ([S.ACCEPTED, S.DONE], S.IN_PROGRESS),
        ([S.ACCEPTED, S.DONE], S.CANCELLED),
        ([S.CANCELLED], S.ACCEPTED),
        ([S.ACCEPTED, S.IN_PROGRESS], S.ACCEPTED),
        ([S.ACCEPTED], "archived"),
    ],
)
def test_transitions_that_are_not_allowed_are_refused(desk, submit, path, refused):
    request = submit()
    for state in path:
        services.request_transition(request=request, to_state=state, by=desk.alice, note="x")
    before = ServiceRequest.objects.get(pk=request.pk).state
    with pytest.raises(ValidationError, match="cannot go from"):
        services.request_transition(request=request, to_state=refused, by=desk.alice, note="x")
    assert ServiceRequest.objects.get(pk=request.pk).state == before


def test_the_member_may_only_cancel_and_outsiders_may_do_nothing(desk, submit):
    request = submit()
    with pytest.raises(PermissionDenied):
        services.request_transition(request=request, to_state=S.ACCEPTED, by=desk.bob)
    with pytest.raises(Http404):
        services.request_transition(request=request, to_state=S.ACCEPTED, by=desk.quentin)
    with pytest.raises(Http404):
        services.request_transition(request=request, to_state=S.CANCELLED, by=desk.carol)
    services.request_transition(request=request, to_state=S.CANCELLED, by=desk.bob)
    assert ServiceRequest.objects.get(pk=request.pk).state == S.CANCELLED


def test_a_provider_must_say_why_it_cancels(desk, submit):
    request = submit()
    with pytest.raises(ValidationError, match="Say why"):
        services.request_transition(request=request, to_state=S.CANCELLED, by=desk.paula)
    services.request_transition(
        request=request, to_state=S.CANCELLED, by=desk.paula, note="Needs a lawyer, not us."
    )
    request.refresh_from_db()
    assert request.cancel_reason == "Needs a lawyer, not us."


def test_due_times_count_desk_hours_over_a_weekend(desk, submit):
    # Friday 16:00 + 4 working hours = Monday 11:00; 10 working days = Friday 28 March 16:00.
    request = submit(now=sh(2025, 3, 14, 16, 0))
    assert request.response_due_at == sh(2025, 3, 17, 11, 0)
    assert request.completion_due_at == sh(2025, 3, 28, 16, 0)


def test_due_times_skip_the_national_day_holidays_and_count_make_up_days(desk, submit):
    request = submit(now=sh(2025, 9, 30, 15, 0))
    assert request.response_due_at == sh(2025, 10, 9, 10, 0)
    # 26 September 17:00 + 4 h: one hour on Friday, three on the make-up Sunday the 28th.
    assert submit(now=sh(2025, 9, 26, 17, 0)).response_due_at == sh(2025, 9, 28, 12, 0)


def test_a_response_after_the_due_time_is_late_and_one_before_it_on_time(desk, submit):
    late = submit(now=sh(2025, 9, 30, 15, 0))
    services.request_transition(
        request=late, to_state=S.ACCEPTED, by=desk.paula, now=sh(2025, 10, 9, 10, 1)
    )
    late.refresh_from_db()
    assert late.response_timeliness() == Timeliness.LATE
    # The golden week does not count: eight days later is only 4 h 1 min of desk time.
    assert late.response_minutes == 4 * 60 + 1
    on_time = submit(now=sh(2025, 9, 30, 15, 0))
    services.request_message_post(
        request=on_time, by=desk.paula, body="我们已收到。", now=sh(2025, 10, 9, 9, 59)
    )
    on_time.refresh_from_db()
    assert on_time.response_timeliness() == Timeliness.ON_TIME
    assert on_time.first_response_at == sh(2025, 10, 9, 9, 59)


def test_an_unanswered_request_becomes_late_when_its_due_time_passes(desk, submit):
    request = submit(now=sh(2025, 3, 14, 16, 0))
    assert request.response_timeliness(now=sh(2025, 3, 17, 10, 59)) == Timeliness.OPEN
    assert request.response_timeliness(now=sh(2025, 3, 17, 11, 1)) == Timeliness.LATE


def test_waiting_for_the_member_stops_the_completion_clock(desk, submit):
    request = submit(now=sh(2025, 3, 17, 9, 0))
    due = request.completion_due_at
    services.request_transition(
        request=request, to_state=S.ACCEPTED, by=desk.paula, now=sh(2025, 3, 17, 10, 0)
    )
    services.request_transition(
        request=request, to_state=S.WAITING_MEMBER, by=desk.paula, now=sh(2025, 3, 17, 12, 0)
    )
    # The member answers the next day at 12:00: nine desk hours of waiting.
    services.request_message_post(
        request=request, by=desk.bob, body="הנה הדרכון.", now=sh(2025, 3, 18, 12, 0)
    )
    request.refresh_from_db()
    assert request.state == S.IN_PROGRESS
    assert request.waited == timedelta(hours=9)
    # Ten desk days from Monday 09:00 end on Friday 28 March at closing time; the nine hours
    # of waiting move that to Monday 31 March at closing time.
    assert due == sh(2025, 3, 28, 18, 0)
    assert request.completion_due_at == sh(2025, 3, 31, 18, 0)
    services.request_transition(
        request=request, to_state=S.DONE, by=desk.paula, now=sh(2025, 3, 19, 9, 0)
    )
    request.refresh_from_db()
    assert request.completion_minutes == (9 + 9) * 60 - 9 * 60
    assert request.completion_timeliness() == Timeliness.ON_TIME


def test_a_rating_needs_a_finished_request_and_comes_from_the_member(desk, submit):
    request = submit()
    with pytest.raises(ValidationError, match="once it is done"):
        services.request_rate(request=request, by=desk.bob, rating=4)
    services.request_transition(request=request, to_state=S.ACCEPTED, by=desk.paula)
    services.request_transition(request=request, to_state=S.DONE, by=desk.paula)
    with pytest.raises(PermissionDenied):
        services.request_rate(request=request, by=desk.paula, rating=5)
    for bad in (0, 6, "5"):
        with pytest.raises(ValidationError):
            services.request_rate(request=request, by=desk.bob, rating=bad)
    services.request_rate(request=request, by=desk.bob, rating=4)
    assert ServiceRequest.objects.get(pk=request.pk).rating == 4


def test_messages_and_files_stay_with_the_three_parties(desk, submit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    request = submit()
    upload = SimpleUploadedFile("passport.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    message = services.request_message_post(
        request=request, by=desk.bob, body="Passport attached.", upload=upload
    )
    assert message.attachment_name == "passport.pdf" and message.side == Side.MEMBER
    assert "passport" not in message.attachment.name  # stored under a random name
    for outsider in (desk.carol, desk.quentin, desk.charlie):
        with pytest.raises(Http404):
            services.request_message_post(request=request, by=outsider, body="hello")
    with pytest.raises(ValidationError, match="cannot be attached"):
        services.request_message_post(
            request=request, by=desk.bob, upload=SimpleUploadedFile("run.exe", b"MZ")
        )
    with pytest.raises(ValidationError):
        services.request_message_post(request=request, by=desk.bob, body="   ")


def test_notices_go_out_in_each_recipients_language(
    desk, submit, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit()
    assert [m.to for m in mailoutbox] == [["paula@example.test"]]
    assert mailoutbox[0].extra_headers["Content-Language"] == "zh-hans"
    assert mailoutbox[0].subject == f"新的服务请求 #{request.pk}：Work permits for foreign staff"
    assert "请在 2025-03-17 14:00（Asia/Shanghai）前答复。" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.request_transition(request=request, to_state=S.ACCEPTED, by=desk.paula)
    to_bob = mailoutbox[-1]
    assert to_bob.to == ["bob@example.test"]
    assert to_bob.extra_headers["Content-Language"] == "he"
    assert to_bob.subject == f"בקשה ‎#{request.pk}: התקבלה"
    assert "היתרי עבודה לעובדים זרים" in to_bob.body
    assert request.get_absolute_url() in to_bob.body


def test_a_refused_change_sends_nothing(
    desk, submit, mailoutbox, django_capture_on_commit_callbacks
):
    request = submit()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.request_transition(request=request, to_state=S.DONE, by=desk.paula)
    assert mailoutbox == []

"""The admissions pipeline: apply, review, ask, score, admit or decline, sponsor; who and when."""

import re

import pytest
from django.core import mail

from innohub.accounts.models import RoleKind, User
from innohub.common.testing import grant, make_org, make_user
from innohub.directory import admissions
from innohub.directory.models import (
    Application,
    ApplicationStatus,
    MembershipState,
    Organisation,
    Person,
    Sector,
)
from innohub.directory.selectors import application_score_summary, rubric_for_hub

pytestmark = pytest.mark.django_db

USCC = "91350100M000100Y43"
SITE = "http://testserver"


def form_data(hub, **changes):
    data = {
        "org-hub": hub.pk,
        "org-name_0": "星河智能",
        "org-name_1": "Star River AI",
        "org-name_2": "",
        "org-kind": "startup",
        "org-country": "JOINT",
        "org-sectors": [Sector.objects.get(slug="ai-robotics").pk],
        "org-uscc": "９１３５０１００Ｍ０００１００Ｙ４３",
        "org-description_1": "Robot vision.",
        "contact1-name": "王芳",
        "contact1-email": "wang@star.test",
        "contact1-title": "CEO",
        "req-wants": ["office", "incubation"],
        "req-motivation": "We want to work with Israeli robotics teams.",
        "req-consent": "on",
    }
    data.update(changes)
    return data


def submit(hub, **changes):
    data = admissions.ApplicationData(
        name={"en": "Nova Sensors"},
        kind="startup",
        country="IL",
        contacts=[{"name": "Dana Katz", "email": "dana@nova.test"}],
        wants=["office"],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return admissions.application_submit(
        hub=hub, data=data, language=changes.get("language", "en"), by=None, site_url=SITE
    )


def test_a_visitor_applies_and_the_membership_history_starts(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/directory/apply/", form_data(world.hub_a), HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert response.status_code == 302
    application = Application.objects.get()
    org = application.organisation
    assert org.uscc == USCC and not org.is_public
    assert application.language == "zh-hans"
    assert application.wants == ["office", "incubation"]
    membership = org.memberships.get(hub=world.hub_a)
    assert membership.state == MembershipState.APPLICANT
    assert membership.events.count() == 1
    assert application.events.get().action == "submitted"
    # The applicant gets the status link in Chinese; staff of hub A are told, in English.
    to_applicant = next(m for m in mail.outbox if m.to == ["wang@star.test"])
    assert "申请" in to_applicant.subject
    status_link = re.search(r"https?://\S+/apply/status/\S+/", to_applicant.body)[0]
    assert client.get(status_link).status_code == 200
    to_staff = next(m for m in mail.outbox if m.to == ["alice@example.test"])
    assert "New application" in to_staff.subject
    assert not any("charlie@example.test" in m.to for m in mail.outbox)


def test_the_form_refuses_a_wrong_identifier_and_robots(client, world):
    bad = client.post(
        "/directory/apply/", form_data(world.hub_a, **{"org-uscc": "91350100M000100Y44"})
    )
    assert bad.status_code == 200 and "check character" in bad.content.decode()
    robot = client.post("/directory/apply/", form_data(world.hub_a, **{"req-homepage": "x"}))
    assert robot.status_code == 200
    missing = client.post("/directory/apply/", form_data(world.hub_a, **{"req-wants": []}))
    assert missing.status_code == 200
    assert not Application.objects.exists()


def test_an_identifier_already_known_links_to_the_organisation_without_changing_it(world):
    world.org_b.uscc = USCC
    world.org_b.save()
    application = submit(world.hub_a, uscc=USCC, name={"en": "Someone Else"})
    assert application.organisation == world.org_b
    world.org_b.refresh_from_db()
    assert world.org_b.name["en"] == "Bravo Data"
    assert application.submitted["name"] == {"en": "Someone Else"}
    assert world.org_b.memberships.get(hub=world.hub_a).state == MembershipState.APPLICANT


def test_staff_review_ask_and_the_applicant_answers_on_the_status_page(
    client, client_as, world, django_capture_on_commit_callbacks
):
    application = submit(world.hub_a)
    staff = client_as(world.alice)
    staff.post(f"/directory/applications/{application.pk}/review/")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            f"/directory/applications/{application.pk}/request-info/",
            {"info-message": "How many people would work here?"},
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    question = next(m for m in mail.outbox if m.to == ["dana@nova.test"])
    assert "How many people would work here?" in question.body
    token = admissions.application_status_token(application)
    page = client.get(f"/directory/apply/status/{token}/")
    assert "How many people would work here?" in page.content.decode()
    client.post(f"/directory/apply/status/{token}/", {"reply": "1", "message": "Three engineers."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    actions = list(application.events.values_list("action", "by__username", "by_applicant"))
    assert actions == [
        ("submitted", None, True),
        ("review_started", "alice", False),
        ("info_requested", "alice", False),
        ("info_provided", None, True),
    ]
    assert all(event.at for event in application.events.all())
    assert application.organisation.memberships.get().state == MembershipState.UNDER_REVIEW


def test_internal_notes_and_scores_are_not_shown_to_the_applicant(client, world):
    application = submit(world.hub_a)
    admissions.application_note(application=application, by=world.alice, message="Secret note")
    rubric = rubric_for_hub(world.hub_a)
    admissions.application_score(
        application=application, by=world.alice, scores={rubric[0].pk: (4, "Nice tech")}
    )
    token = admissions.application_status_token(application)
    page = client.get(f"/directory/apply/status/{token}/").content.decode()
    assert "Secret note" not in page and "Nice tech" not in page


def test_scores_from_several_reviewers_make_a_weighted_total(world):
    application = submit(world.hub_a)
    rubric = rubric_for_hub(world.hub_a)
    top = {c.pk: (c.max_points, "") for c in rubric}
    admissions.application_score(application=application, by=world.alice, scores=top)
    dave_scores = {c.pk: (0, "") for c in rubric}
    admissions.application_score(application=application, by=world.dave, scores=dave_scores)
    summary = application_score_summary(application, rubric, user=world.alice)
    assert summary.scorers == 2 and summary.percent == 50.0
    assert summary.lines[0].mine == rubric[0].max_points
    # Scoring again replaces one's own scores.
    admissions.application_score(application=application, by=world.dave, scores=top)
    assert application_score_summary(application, rubric).percent == 100.0
    with pytest.raises(Exception, match="between 0 and"):
        admissions.application_score(
            application=application, by=world.alice, scores={rubric[0].pk: (99, "")}
        )


def test_admission_makes_a_member_and_invites_an_account_in_the_applicants_language(
    client, client_as, world, django_capture_on_commit_callbacks
):
    incubator = make_org({"en": "Desert Labs"}, hub=world.hub_a, kind="incubator")
    application = submit(world.hub_a, language="he", sponsor=incubator)
    admissions.application_sponsor_decide(application=application, by=None, confirm=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(world.alice).post(
            f"/directory/applications/{application.pk}/admit/",
            {"admit-reason": "Good fit.", "admit-list_publicly": "on", "admit-invite": "on"},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    org = application.organisation
    assert application.status == ApplicationStatus.ADMITTED
    assert application.decided_by == world.alice and application.decided_at
    assert org.is_public and org.sponsor == incubator
    membership = org.memberships.get(hub=world.hub_a)
    assert membership.state == MembershipState.ADMITTED
    assert membership.member_from is not None
    assert [e.state for e in membership.events.all()] == ["applicant", "admitted"]
    person = Person.objects.get(organisation=org)
    assert person.email == "dana@nova.test" and person.is_primary_contact
    user = User.objects.get(email="dana@nova.test")
    assert user.language == "he" and not user.has_usable_password()
    assert user.roles.filter(kind=RoleKind.MEMBER, organisation=org).exists()
    assert person.user == user
    invitation = next(
        m for m in mail.outbox if m.to == ["dana@nova.test"] and "/welcome/" in m.body
    )
    assert invitation.extra_headers["Content-Language"] == "he"
    assert "innohub" in invitation.subject and any(
        "\u0590" <= ch <= "\u05ff" for ch in invitation.body
    )
    link = re.search(r"http://testserver(/accounts/welcome/\S+/)", invitation.body)[1]
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-new-pass-2024", "new_password2": "a-long-new-pass-2024"},
    )
    assert done.status_code == 302
    signed_in = client.post(
        "/accounts/login/", {"username": user.username, "password": "a-long-new-pass-2024"}
    )
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    # The link works once.
    assert client.get(link, follow=True).context["validlink"] is False
    actions = [e.action for e in application.events.all()]
    assert actions[-2:] == ["admitted", "invited"]


def test_declining_needs_a_reason_that_the_applicant_is_told(
    client_as, world, django_capture_on_commit_callbacks
):
    application = submit(world.hub_a)
    staff = client_as(world.alice)
    empty = staff.post(f"/directory/applications/{application.pk}/decline/", {"decline-reason": ""})
    assert empty.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            f"/directory/applications/{application.pk}/decline/",
            {"decline-reason": "No China plan yet."},
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decision_reason == "No China plan yet."
    assert application.organisation.memberships.get().state == MembershipState.DECLINED
    told = next(m for m in mail.outbox if m.to == ["dana@nova.test"])
    assert "No China plan yet." in told.body
    # A closed application takes no more decisions.
    staff.post(f"/directory/applications/{application.pk}/admit/", {"admit-invite": ""})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED


def test_a_declined_organisation_can_apply_again(world):
    first = submit(world.hub_a, uscc=USCC)
    admissions.application_decline(application=first, by=world.alice, reason="Too early.")
    second = submit(world.hub_a, uscc=USCC)
    assert second.organisation == first.organisation
    membership = first.organisation.memberships.get()
    assert [e.state for e in membership.events.all()] == ["applicant", "declined", "applicant"]


def test_the_applicant_may_withdraw(client, world):
    application = submit(world.hub_a)
    token = admissions.application_status_token(application)
    client.post(f"/directory/apply/status/{token}/", {"withdraw": "1"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.organisation.memberships.get().state == MembershipState.LEFT


def test_a_forged_status_link_finds_nothing(client, world):
    application = submit(world.hub_a)
    token = admissions.application_status_token(application)
    forged = f"{application.pk}:{token.split(':')[1][::-1]}"
    assert client.get(f"/directory/apply/status/{forged}/").status_code == 404


@pytest.mark.parametrize("who", ["charlie", "bob", "mallory", "erin", "judy", "ivan", None])
def test_only_staff_of_the_hub_see_its_queue_and_applications(client_as, world, who):
    application = submit(world.hub_a)
    client = client_as(getattr(world, who) if who else None)
    detail = client.get(f"/directory/applications/{application.pk}/")
    assert detail.status_code in (302, 404)
    act = client.post(f"/directory/applications/{application.pk}/review/")
    assert act.status_code == 404 or act["Location"].startswith("/accounts/login/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    queue = client.get("/directory/applications/?hub=hub-a")
    if queue.status_code == 200:  # staff of another hub get their own hub's queue
        assert queue.context["hub"] == world.hub_b
        assert "Nova Sensors" not in queue.content.decode()
    else:
        assert queue.status_code in (302, 403)


def test_staff_see_their_hubs_queue_with_scores_in_a_fixed_number_of_queries(
    client_as, world, django_assert_max_num_queries
):
    for n in range(6):
        application = submit(world.hub_a, name={"en": f"Applicant {n}"})
        rubric = rubric_for_hub(world.hub_a)
        admissions.application_score(
            application=application, by=world.alice, scores={rubric[0].pk: (3, "")}
        )
    client = client_as(world.alice)
    with django_assert_max_num_queries(20):
        response = client.get("/directory/applications/?hub=hub-a")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 6
    assert client_as(world.dave).get("/directory/applications/?hub=hub-a").status_code == 200


def test_the_named_incubator_confirms_the_sponsorship_and_nobody_else_can(client_as, world):
    incubator = make_org({"en": "Desert Labs"}, hub=world.hub_a, kind="incubator")
    rep = grant(make_user("ina"), RoleKind.MEMBER, organisation=incubator)
    application = submit(world.hub_a, sponsor=incubator)
    assert application.sponsor_status == "requested"
    page = client_as(rep).get("/directory/applications/sponsored/")
    assert application.organisation.name["en"] in page.content.decode()
    refused = client_as(world.bob).post(
        f"/directory/applications/{application.pk}/sponsor/", {"decision": "confirm"}
    )
    assert refused.status_code == 404
    client_as(rep).post(
        f"/directory/applications/{application.pk}/sponsor/", {"decision": "confirm"}
    )
    application.refresh_from_db()
    assert application.sponsor_status == "confirmed"
    event = application.events.get(action="sponsor_confirmed")
    assert event.by == rep and event.by_organisation == incubator


def test_only_an_incubator_of_the_hub_can_be_named_as_sponsor(world):
    outsider = make_org({"en": "Far Incubator"}, hub=world.hub_b, kind="incubator")
    with pytest.raises(Exception, match="not an incubator of this hub"):
        submit(world.hub_a, sponsor=outsider)


def test_the_form_offers_the_incubators_of_every_public_hub_as_sponsors(client, world):
    from innohub.common.testing import make_hub

    hidden = make_hub("hidden-hub", network=world.hub_a.network, is_public=False)
    make_org({"en": "Desert Labs"}, hub=world.hub_a, kind="incubator")
    make_org({"en": "Carmel Accelerator"}, hub=world.hub_b, kind="accelerator")
    make_org({"en": "Startup Not Sponsor"}, hub=world.hub_a, kind="startup")
    make_org(
        {"en": "Applicant Incubator"},
        hub=world.hub_a,
        kind="incubator",
        state=MembershipState.APPLICANT,
    )
    make_org({"en": "Hidden Incubator"}, hub=hidden, kind="incubator")
    page = client.get("/directory/apply/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    select = re.search(r'<select name="req-sponsor".*?</select>', page, re.S)[0]
    offered = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)
    assert offered == ["Carmel Accelerator", "Desert Labs"]


def test_a_signed_in_incubator_representative_applying_for_a_startup_sponsors_it(world):
    incubator = make_org({"en": "Desert Labs"}, hub=world.hub_a, kind="incubator")
    rep = grant(make_user("ina"), RoleKind.MEMBER, organisation=incubator)
    data = admissions.ApplicationData(
        name={"en": "Hosted Startup"},
        kind="startup",
        country="IL",
        contacts=[{"name": "Eli", "email": "eli@hosted.test"}],
        sponsor=incubator,
    )
    application = admissions.application_submit(
        hub=world.hub_a, data=data, language="en", by=rep, site_url=SITE
    )
    assert application.sponsor_status == "confirmed"
    assert application.submitted_by == rep


def test_admitting_an_organisation_that_is_already_a_member_is_refused(world):
    world.org_a.uscc = USCC
    world.org_a.save()
    application = submit(world.hub_a, uscc=USCC)
    with pytest.raises(Exception, match="already a member"):
        admissions.application_admit(application=application, by=world.alice, site_url=SITE)


# ---------------------------------------------------------------------------- API


def test_the_api_takes_applications_from_anyone_and_decisions_from_hub_staff(
    api_as, world, django_capture_on_commit_callbacks
):
    anonymous = api_as(None)
    payload = {
        "hub": "hub-a",
        "name": {"zh-hans": "云帆科技"},
        "kind": "startup",
        "country": "CN",
        "contacts": [{"name": "李雷", "email": "li@yunfan.test"}],
        "wants": ["investors"],
        "sectors": ["fintech"],
        "uscc": USCC,
        "language": "zh-hans",
    }
    created = anonymous.post(
        "/api/v1/directory/applications", payload, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    receipt = created.json()
    status = anonymous.get(f"/api/v1/directory/applications/status/{receipt['status_token']}")
    assert status.json()["status"] == "submitted"
    bad = anonymous.post(
        "/api/v1/directory/applications",
        payload | {"uscc": "91350100M000100Y44"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "uscc" in bad.json()["errors"]

    pk = receipt["id"]
    assert api_as(world.charlie).get(f"/api/v1/directory/applications/{pk}").status_code == 404
    assert api_as(world.bob).post(f"/api/v1/directory/applications/{pk}/review").status_code == 404
    staff = api_as(world.alice)
    queue = staff.get("/api/v1/directory/applications?hub=hub-a").json()
    assert [row["id"] for row in queue["items"]] == [pk]
    scored = staff.post(
        f"/api/v1/directory/applications/{pk}/scores",
        {"scores": [{"criterion": "innovation", "points": 4}]},
        content_type="application/json",
    )
    assert scored.status_code == 200 and scored.json()["scores"][0]["mine"] == 4
    with django_capture_on_commit_callbacks(execute=True):
        admitted = staff.post(
            f"/api/v1/directory/applications/{pk}/admit",
            {"reason": "Welcome"},
            content_type="application/json",
        )
    assert admitted.status_code == 200, admitted.content
    body = admitted.json()
    assert body["status"] == "admitted"
    assert [e["action"] for e in body["events"]][-2:] == ["admitted", "invited"]
    assert User.objects.filter(email="li@yunfan.test", language="zh-hans").exists()
    assert Organisation.objects.get(uscc=USCC).memberships.get().state == "admitted"


def test_a_second_contact_is_optional_but_needs_an_email_once_started(client, world):
    half = client.post("/directory/apply/", form_data(world.hub_a, **{"contact2-name": "Li Lei"}))
    assert half.status_code == 200 and not Application.objects.exists()
    client.post(
        "/directory/apply/",
        form_data(world.hub_a, **{"contact2-name": "Li Lei", "contact2-email": "li@star.test"}),
    )
    contacts = Application.objects.get().contacts
    assert [c["email"] for c in contacts] == ["wang@star.test", "li@star.test"]

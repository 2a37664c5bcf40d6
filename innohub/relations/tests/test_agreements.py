"""Agreements between two or more parties: recording, status, signatories, who sees drafts."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from innohub.common.testing import make_org
from innohub.directory.models import Person
from innohub.relations import selectors, services
from innohub.relations.models import Agreement, AgreementParty
from innohub.relations.services import PartyInput
from innohub.relations.tests.factories import agreement

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ multi-party agreements


def test_it_records_an_agreement_between_three_parties_of_both_kinds(world):
    third = make_org({"en": "Gamma Zone"}, country="CN", kind="government")
    recorded = agreement(world.hub_a, world.org_a, world.hub_b, third)
    parties = list(recorded.parties.order_by("position"))
    assert [p.target for p in parties] == [world.org_a, world.hub_b, third]
    assert [p.position for p in parties] == [1, 2, 3]


def test_an_agreement_needs_at_least_two_parties(world):
    with pytest.raises(ValidationError) as caught:
        agreement(world.hub_a, world.org_a)
    assert "parties" in caught.value.message_dict
    assert not Agreement.objects.exists()


def test_the_same_party_cannot_be_named_twice(world):
    with pytest.raises(ValidationError):
        agreement(world.hub_a, world.org_a, world.org_a)


def test_a_party_outside_the_directory_is_recorded_by_name(world):
    recorded = services.agreement_create(
        by=None,
        hub=world.hub_a,
        parties=[
            PartyInput(organisation=world.org_a),
            PartyInput(name={"en": "Port operator (not in the directory)"}),
        ],
        title={"en": "Terminal project"},
        status="draft",
    )
    outside = recorded.parties.get(organisation__isnull=True, hub__isnull=True)
    assert outside.name["en"] == "Port operator (not in the directory)"


def test_changing_the_parties_keeps_the_signatories_of_parties_that_stay(world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b)
    party_a = recorded.parties.get(organisation=world.org_a)
    person = Person.objects.create(organisation=world.org_a, name={"en": "Avi Levi"})
    services.signatory_add(agreement=recorded, by=None, party=party_a, person=person)
    third = make_org({"en": "Delta Labs"})
    services.agreement_update(
        agreement=recorded,
        by=None,
        parties=[
            PartyInput(organisation=world.org_a),
            PartyInput(organisation=third),
        ],
    )
    assert recorded.parties.get(organisation=world.org_a).pk == party_a.pk
    assert party_a.signatories.count() == 1
    assert not AgreementParty.objects.filter(agreement=recorded, organisation=world.org_b).exists()


def test_a_party_with_signatories_cannot_be_dropped(world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b, world.invest_org)
    party_b = recorded.parties.get(organisation=world.org_b)
    person = Person.objects.create(organisation=world.org_b, name={"en": "Li Wei"})
    services.signatory_add(agreement=recorded, by=None, party=party_b, person=person)
    with pytest.raises(ValidationError):
        services.agreement_update(
            agreement=recorded,
            by=None,
            parties=[
                PartyInput(organisation=world.org_a),
                PartyInput(organisation=world.invest_org),
            ],
        )


def test_a_signed_agreement_needs_a_signing_date_or_a_note_on_what_is_known(world):
    with pytest.raises(ValidationError) as caught:
        agreement(world.hub_a, world.org_a, world.org_b, signed_on=None)
    assert "signed_on" in caught.value.message_dict
    with pytest.raises(ValidationError):
        agreement(world.hub_a, world.org_a, world.org_b, signed_precision="unknown")
    recorded = agreement(
        world.hub_a,
        world.org_a,
        world.org_b,
        signed_precision="unknown",
        signed_note={"en": "A Thursday during TechWeek; year not stated."},
        signed_on=date(2020, 6, 4),
    )
    assert recorded.signed_on is None and recorded.signed_precision == "unknown"


def test_a_month_precision_signing_date_is_stored_as_the_first_of_the_month(world):
    recorded = agreement(
        world.hub_a, world.org_a, world.org_b, signed_on=date(2020, 6, 17), signed_precision="month"
    )
    assert recorded.signed_on == date(2020, 6, 1)


def test_status_changes_follow_the_allowed_transitions(world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b, status="draft")
    services.agreement_update(
        agreement=recorded, by=None, status="signed", signed_on=date(2024, 1, 8)
    )
    services.agreement_update(agreement=recorded, by=None, status="in_force")
    with pytest.raises(ValidationError):
        services.agreement_update(agreement=recorded, by=None, status="draft")
    updated = services.agreement_update(agreement=recorded, by=None, status="terminated")
    assert updated.ended_on is not None


def test_a_signatory_must_belong_to_the_party_they_sign_for(world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b)
    party_a = recorded.parties.get(organisation=world.org_a)
    outsider = Person.objects.create(organisation=world.org_b, name={"en": "Li Wei"})
    with pytest.raises(ValidationError):
        services.signatory_add(agreement=recorded, by=None, party=party_a, person=outsider)


def test_a_new_signatory_is_added_to_the_directory_with_the_title_at_signing(world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b)
    party_a = recorded.parties.get(organisation=world.org_a)
    signatory = services.signatory_add(
        agreement=recorded,
        by=None,
        party=party_a,
        new_person_name={"en": "Dana Cohen"},
        title={"en": "CEO"},
    )
    assert signatory.person.organisation == world.org_a
    assert signatory.title["en"] == "CEO"


def test_a_visit_of_another_hub_cannot_be_linked(world):
    from innohub.relations.tests.factories import visit

    foreign = visit(world.hub_b)
    with pytest.raises(ValidationError) as caught:
        agreement(world.hub_a, world.org_a, world.org_b, visit=foreign)
    assert "visit" in caught.value.message_dict


def test_the_signing_date_must_fall_within_the_visit(world):
    from innohub.relations.tests.factories import visit

    trip = visit(world.hub_a)
    with pytest.raises(ValidationError):
        agreement(world.hub_a, world.org_a, world.org_b, visit=trip, signed_on=date(2024, 7, 1))
    signed = agreement(
        world.hub_a, world.org_a, world.org_b, visit=trip, signed_on=date(2024, 6, 6)
    )
    assert signed.visit == trip


# ------------------------------------------------------------------ who sees drafts


def detail(client, recorded):
    return client.get(recorded.get_absolute_url())


def test_a_draft_is_seen_by_staff_of_its_hub_and_by_the_parties_only(client, client_as, world):
    draft = agreement(world.hub_a, world.org_a, world.org_b, status="draft")
    assert detail(client_as(world.alice), draft).status_code == 200  # staff of the recording hub
    assert detail(client_as(world.bob), draft).status_code == 200  # represents party org_a
    assert detail(client_as(world.dave), draft).status_code == 200  # network admin
    assert detail(client_as(world.charlie), draft).status_code == 404  # staff of hub B
    assert detail(client_as(world.ivan), draft).status_code == 404
    assert detail(client_as(world.mallory), draft).status_code == 404
    assert detail(client, draft).status_code == 404


def test_staff_of_a_hub_that_is_a_party_see_the_draft(client_as, world):
    draft = agreement(world.hub_a, world.org_a, world.hub_b, status="draft")
    assert detail(client_as(world.charlie), draft).status_code == 200


def test_a_signed_agreement_is_public_and_a_confidential_one_is_not(client, client_as, world):
    public = agreement(world.hub_a, world.org_a, world.org_b)
    confidential = agreement(world.hub_a, world.org_a, world.invest_org, is_confidential=True)
    assert detail(client, public).status_code == 200
    assert detail(client, confidential).status_code == 404
    assert detail(client_as(world.ivan), confidential).status_code == 200


def test_drafts_stay_out_of_lists_panels_and_timelines_of_outsiders(client, client_as, world):
    draft = agreement(
        world.hub_a, world.org_a, world.org_b, status="draft", title={"en": "Secret draft MoU"}
    )
    for viewer in (client, client_as(world.charlie), client_as(world.mallory)):
        assert "Secret draft MoU" not in viewer.get("/relations/").content.decode()
        assert "Secret draft MoU" not in viewer.get(world.org_b.get_absolute_url()).content.decode()
        assert "Secret draft MoU" not in viewer.get(world.hub_a.get_absolute_url()).content.decode()
    assert "Secret draft MoU" in client_as(world.bob).get("/relations/").content.decode()
    assert draft.pk in {a.pk for a in selectors.agreement_list(user=world.alice)}


def test_milestones_and_private_documents_are_for_staff_and_parties(client, client_as, world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b)
    services.milestone_add(
        agreement=recorded, by=None, title={"en": "Joint lab opens"}, due_on=date(2025, 1, 6)
    )
    assert "Joint lab opens" not in detail(client, recorded).content.decode()
    assert "Joint lab opens" in detail(client_as(world.bob), recorded).content.decode()
    assert "Joint lab opens" in detail(client_as(world.alice), recorded).content.decode()


def test_outsider_staff_cannot_edit_even_a_public_agreement(client_as, world):
    public = agreement(world.hub_a, world.org_a, world.org_b)
    assert (
        client_as(world.charlie).get(f"/relations/agreements/{public.pk}/edit/").status_code == 403
    )
    assert client_as(world.bob).get(f"/relations/agreements/{public.pk}/edit/").status_code == 403
    assert client_as(world.alice).get(f"/relations/agreements/{public.pk}/edit/").status_code == 200


def test_a_party_ticks_a_milestone_off_but_an_outsider_cannot(client_as, world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b)
    milestone = services.milestone_add(
        agreement=recorded, by=None, title={"en": "Pilot"}, due_on=date(2025, 1, 6)
    )
    url = f"/relations/milestones/{milestone.pk}/done/"
    assert client_as(world.ivan).post(url, {"done": "1"}).status_code == 403
    milestone.refresh_from_db()
    assert not milestone.done
    client_as(world.bob).post(url, {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done and milestone.done_on is not None


# ------------------------------------------------------------------ pages


def test_the_agreement_shows_on_each_party_page(client, world):
    recorded = agreement(
        world.hub_a, world.org_a, world.org_b, world.hub_b, title={"en": "Tri-party robotics MoU"}
    )
    for url in (
        world.org_a.get_absolute_url(),
        world.org_b.get_absolute_url(),
        world.hub_b.get_absolute_url(),
    ):
        page = client.get(url).content.decode()
        assert "Tri-party robotics MoU" in page
        assert recorded.get_absolute_url() in page
    assert (
        "Tri-party robotics MoU"
        not in client.get(world.invest_org.get_absolute_url()).content.decode()
    )


def test_a_party_that_is_not_listed_publicly_is_not_named_to_the_public(client, client_as, world):
    agreement(world.hub_a, world.org_a, world.org_a_applicant, title={"en": "Applicant deal"})
    public_page = client.get("/relations/?q=applicant").content.decode()
    assert "Applicant deal" in public_page and "Applicant Labs" not in public_page
    assert (
        "Applicant Labs" in client_as(world.alice).get("/relations/?q=applicant").content.decode()
    )


def test_staff_record_an_agreement_through_the_form(client_as, world):
    client = client_as(world.alice)
    assert client.get("/relations/agreements/new/").status_code == 200
    response = client.post(
        "/relations/agreements/new/",
        {
            "hub": world.hub_a.pk,
            "title_1": "Sensor pilot",
            "kind": "cooperation",
            "status": "signed",
            "signed_on": "2024-05-02",
            "signed_precision": "day",
            "parties": [f"org:{world.org_a.pk}", f"hub:{world.hub_b.pk}"],
        },
    )
    recorded = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"] == recorded.get_absolute_url()
    assert {p.key for p in recorded.parties.all()} == {
        f"org:{world.org_a.pk}",
        f"hub:{world.hub_b.pk}",
    }


def test_the_form_refuses_one_party_and_keeps_the_choice(client_as, world):
    response = client_as(world.alice).post(
        "/relations/agreements/new/",
        {
            "hub": world.hub_a.pk,
            "title_1": "Sensor pilot",
            "kind": "cooperation",
            "status": "draft",
            "signed_precision": "day",
            "parties": [f"org:{world.org_a.pk}"],
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "at least two parties" in body and f'value="org:{world.org_a.pk}"' in body


def test_staff_cannot_record_an_agreement_for_another_hub(client_as, world):
    response = client_as(world.charlie).post(
        "/relations/agreements/new/",
        {
            "hub": world.hub_a.pk,
            "title_1": "Hijack",
            "kind": "cooperation",
            "status": "draft",
            "signed_precision": "day",
            "parties": [f"org:{world.org_a.pk}", f"org:{world.org_b.pk}"],
        },
    )
    assert response.status_code == 200  # hub A is not offered: the form says the choice is invalid
    assert not Agreement.objects.exists()


def test_the_picker_offers_only_organisations_the_user_may_see(client_as, world):
    url = "/relations/picker/?name=parties&source=party&multiple=1&parties_q=applicant"
    assert "Applicant Labs" in client_as(world.alice).get(url).content.decode()
    assert "Applicant Labs" not in client_as(world.charlie).get(url).content.decode()


def test_the_picker_finds_an_organisation_by_its_chinese_name(client_as, world):
    url = "/relations/picker/?name=parties&source=party&multiple=1&parties_q=布拉沃"
    assert "Bravo Data" in client_as(world.alice).get(url).content.decode()


def test_the_agreement_list_page_takes_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for n in range(12):
        agreement(world.hub_a, world.org_a, world.org_b, title={"en": f"Agreement {n}"})
    with django_assert_max_num_queries(16):
        response = client.get("/relations/")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 12


def test_staff_delete_an_agreement_and_restore_it_from_deleted_records(client, client_as, world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b, title={"en": "Short-lived MoU"})
    url = f"/trash/relations.agreement/{recorded.pk}/delete/"
    assert client_as(world.charlie).post(url).status_code == 403
    assert client_as(world.alice).post(url).status_code == 302
    assert detail(client, recorded).status_code == 404
    assert "Short-lived MoU" not in client.get(world.org_a.get_absolute_url()).content.decode()
    assert "Short-lived MoU" in client_as(world.alice).get("/trash/").content.decode()
    client_as(world.alice).post(f"/trash/relations.agreement/{recorded.pk}/restore/")
    assert detail(client, recorded).status_code == 200


def test_a_hub_lists_the_agreements_it_records_and_those_it_is_a_party_to(client, world):
    recorded = agreement(world.hub_a, world.org_a, world.org_b, title={"en": "Recorded by A"})
    joined = agreement(world.hub_b, world.org_b, world.hub_a, title={"en": "A is a party"})
    other = agreement(world.hub_b, world.org_a, world.org_b, title={"en": "Between others"})
    found = selectors.agreements_for_hub(user=AnonymousUser(), hub=world.hub_a)
    assert {a.pk for a in found} == {recorded.pk, joined.pk}
    assert other.pk in {a.pk for a in selectors.agreements_for_hub(user=None, hub=world.hub_b)}
    page = client.get(f"/hubs/{world.hub_a.slug}/").content.decode()
    assert "Recorded by A" in page and "A is a party" in page and "Between others" not in page

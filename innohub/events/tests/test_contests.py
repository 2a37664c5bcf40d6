"""Contests: judges and their conflicts of interest, hidden scores, rounds, ranking, results."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from innohub.accounts.models import RoleKind
from innohub.common.testing import grant, make_user
from innohub.directory.models import Person
from innohub.events import contest_selectors, contest_services
from innohub.events.models import Assignment, Scorecard
from innohub.events.tests.factories import make_contest, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest_world(world):
    """Contest in hub A with three entries; judges judy and jules (hub A), and carol (hub B)."""
    jules = grant(make_user("jules"), RoleKind.JUDGE, hub=world.hub_a)
    carol = grant(make_user("carol"), RoleKind.JUDGE, hub=world.hub_b)
    contest = make_contest(world.hub_a)
    alpha = make_entry(contest, "Alpha")
    beta = make_entry(contest, "Beta", organisation=world.org_a)
    gamma = make_entry(contest, "Gamma")
    round_ = contest.rounds.get()
    contest_services.round_open(round_=round_, by=world.alice)
    contest_services.assignments_for_all_judges(round_=round_, by=world.alice)
    criteria = list(contest.criteria.all())
    return {
        "world": world,
        "contest": contest,
        "round": round_,
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "judy": world.judy,
        "jules": jules,
        "carol": carol,
        "criteria": criteria,
    }


def _docx() -> bytes:
    """A minimal Word document: a ZIP archive with a word/ part, as the upload check expects."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document>plan</document>")
    return buffer.getvalue()


def marks(cw, values):
    return {c.pk: v for c, v in zip(cw["criteria"], values, strict=True)}


def score(cw, judge, entry, values):
    return contest_services.scorecard_save(
        round_=cw["round"], entry=entry, judge=judge, marks=marks(cw, values)
    )


def test_every_judge_of_the_hub_is_assigned_and_none_from_elsewhere(contest_world):
    cw = contest_world
    pairs = set(Assignment.objects.values_list("judge__username", "entry__team_name"))
    assert pairs == {
        (judge, f"{entry} team")
        for judge in ("judy", "jules")
        for entry in ("Alpha", "Beta", "Gamma")
    }
    with pytest.raises(ValidationError):
        contest_services.assignment_create(
            round_=cw["round"], entry=cw["alpha"], judge=cw["carol"], by=cw["world"].alice
        )


def test_a_declared_conflict_removes_the_assignment_and_the_scores(contest_world):
    cw = contest_world
    score(cw, cw["judy"], cw["alpha"], [8, 6, 4])
    contest_services.conflict_declare(
        entry=cw["alpha"], judge=cw["judy"], by=cw["judy"], reason="My cousin's company"
    )
    assert not Assignment.objects.filter(judge=cw["judy"], entry=cw["alpha"]).exists()
    assert not Scorecard.objects.filter(judge=cw["judy"], entry=cw["alpha"]).exists()
    with pytest.raises(ValidationError, match="conflict"):
        contest_services.assignment_create(
            round_=cw["round"], entry=cw["alpha"], judge=cw["judy"], by=cw["world"].alice
        )
    with pytest.raises(PermissionDenied):
        score(cw, cw["judy"], cw["alpha"], [8, 6, 4])


def test_conflicts_the_platform_knows_without_being_told(contest_world):
    cw = contest_world
    world = cw["world"]
    # bob represents org_a, whose entry is Beta; as a judge he can never get it.
    grant(world.bob, RoleKind.JUDGE, hub=world.hub_a)
    assert cw["beta"].pk in contest_selectors.conflicted_entry_ids(world.bob, cw["contest"])
    # A judge whose directory person works at org_a is kept away too.
    Person.objects.create(organisation=world.org_a, name={"en": "Jules"}, user=cw["jules"])
    assert cw["beta"].pk in contest_selectors.conflicted_entry_ids(cw["jules"], cw["contest"])
    with pytest.raises(PermissionDenied):
        score(cw, cw["jules"], cw["beta"], [5, 5, 5])


def test_a_conflicted_judge_gets_403_in_pages_and_api(contest_world, client_as, api_as):
    cw = contest_world
    contest_services.conflict_declare(entry=cw["alpha"], judge=cw["judy"], by=cw["judy"])
    alpha, round_id = cw["alpha"], cw["round"].pk
    page = client_as(cw["judy"])
    api = api_as(cw["judy"])
    assert page.get(f"/events/contests/entries/{alpha.pk}/").status_code == 403
    assert (
        page.get(f"/events/contests/entries/{alpha.pk}/rounds/{round_id}/score/").status_code == 403
    )
    assert (
        page.post(
            f"/events/contests/entries/{alpha.pk}/rounds/{round_id}/score/",
            {f"criterion_{c.pk}": 5 for c in cw["criteria"]},
        ).status_code
        == 403
    )
    assert api.get(f"/api/v1/events/contests/entries/{alpha.pk}").status_code == 403
    response = api.put(
        f"/api/v1/events/contests/entries/{alpha.pk}/rounds/{round_id}/scorecard",
        {"marks": marks(cw, [5, 5, 5])},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Scorecard.objects.filter(judge=cw["judy"], entry=alpha).exists()
    # The judge's own lists leave the entry out.
    listed = api.get(f"/api/v1/events/contests/{cw['contest'].slug}/entries").json()
    assert {row["id"] for row in listed} == {cw["beta"].pk, cw["gamma"].pk}
    judging = page.get(f"/events/contests/{cw['contest'].slug}/judging/").content.decode()
    assert f'data-entry="{alpha.pk}"' not in judging.split('id="my-conflicts"')[0]
    # The other judge still sees it.
    assert client_as(cw["jules"]).get(f"/events/contests/entries/{alpha.pk}/").status_code == 200


def test_who_else_may_open_an_entry(contest_world, client_as, api_as):
    cw = contest_world
    world = cw["world"]
    beta = cw["beta"]
    url = f"/events/contests/entries/{beta.pk}/"
    assert client_as(world.alice).get(url).status_code == 200  # staff of the hub
    assert client_as(world.dave).get(url).status_code == 200  # network admin
    assert client_as(world.bob).get(url).status_code == 200  # represents the entrant
    assert client_as(cw["carol"]).get(url).status_code == 404  # judge of another hub
    assert client_as(world.charlie).get(url).status_code == 404  # staff of another hub
    assert client_as(world.mallory).get(url).status_code == 404
    assert api_as(world.ivan).get(f"/api/v1/events/contests/entries/{beta.pk}").status_code == 404
    # A judge of the hub who is not assigned to the entry: 403.
    lone = grant(make_user("lone"), RoleKind.JUDGE, hub=world.hub_a)
    assert client_as(lone).get(url).status_code == 403


def test_scores_stay_hidden_from_other_judges_until_the_round_closes(
    contest_world, api_as, client_as
):
    cw = contest_world
    score(cw, cw["judy"], cw["gamma"], [9, 9, 5])
    score(cw, cw["jules"], cw["gamma"], [3, 3, 1])
    url = f"/api/v1/events/contests/rounds/{cw['round'].pk}/scorecards"
    seen = api_as(cw["jules"]).get(url).json()
    assert [card["judge"] for card in seen] == ["jules"]
    entry_page = client_as(cw["jules"]).get(f"/events/contests/entries/{cw['gamma'].pk}/")
    assert "judy" not in entry_page.content.decode()
    ranking = api_as(cw["jules"]).get(f"/api/v1/events/contests/{cw['contest'].slug}/ranking")
    assert ranking.status_code == 403
    assert len(api_as(cw["world"].alice).get(url).json()) == 2  # staff see everything
    contest_services.round_close(round_=cw["round"], by=cw["world"].alice)
    seen = api_as(cw["jules"]).get(url).json()
    assert sorted(card["judge"] for card in seen) == ["judy", "jules"]
    assert (
        "judy"
        in client_as(cw["jules"])
        .get(f"/events/contests/entries/{cw['gamma'].pk}/")
        .content.decode()
    )
    assert (
        api_as(cw["jules"]).get(f"/api/v1/events/contests/{cw['contest'].slug}/ranking").status_code
        == 200
    )


def test_after_closing_a_judge_still_never_sees_their_conflicted_entry(contest_world, api_as):
    cw = contest_world
    score(cw, cw["jules"], cw["alpha"], [5, 5, 5])
    contest_services.conflict_declare(entry=cw["alpha"], judge=cw["judy"], by=cw["judy"])
    contest_services.round_close(round_=cw["round"], by=cw["world"].alice)
    seen = (
        api_as(cw["judy"]).get(f"/api/v1/events/contests/rounds/{cw['round'].pk}/scorecards").json()
    )
    assert cw["alpha"].pk not in {card["entry"] for card in seen}


def test_scoring_checks_the_marks_and_the_round(contest_world):
    cw = contest_world
    with pytest.raises(ValidationError):
        score(cw, cw["judy"], cw["gamma"], [11, 5, 5])  # innovation is out of 10
    with pytest.raises(ValidationError):
        score(cw, cw["judy"], cw["gamma"], [5, 5, 6])  # team is out of 5
    with pytest.raises(PermissionDenied):
        score(cw, cw["carol"], cw["gamma"], [5, 5, 5])
    card = score(cw, cw["judy"], cw["gamma"], [5, 5, 5])
    assert card.marks.count() == 3
    contest_services.round_close(round_=cw["round"], by=cw["world"].alice)
    with pytest.raises(ValidationError):
        score(cw, cw["judy"], cw["gamma"], [6, 6, 5])


def test_a_judge_scores_through_the_page(contest_world, client_as):
    cw = contest_world
    url = f"/events/contests/entries/{cw['gamma'].pk}/rounds/{cw['round'].pk}/score/"
    judge = client_as(cw["judy"])
    assert judge.get(url).status_code == 200
    response = judge.post(
        url, {**{f"criterion_{c.pk}": 4 for c in cw["criteria"]}, "comment": "Solid."}
    )
    assert response.status_code == 302
    card = Scorecard.objects.get(judge=cw["judy"], entry=cw["gamma"])
    assert card.comment == "Solid."
    assert sorted(m.value for m in card.marks.all()) == [4, 4, 4]


def test_the_ranking_resolves_a_tie_by_the_heaviest_criterion(contest_world, api_as):
    cw = contest_world
    # Both 73.33 on average: Beta has 100 on innovation (weight 3), Alpha 80.
    for judge in (cw["judy"], cw["jules"]):
        score(cw, judge, cw["alpha"], [8, 6, 4])
        score(cw, judge, cw["beta"], [10, 5, 2])
        score(cw, judge, cw["gamma"], [5, 5, 3])
    contest_services.round_close(round_=cw["round"], by=cw["world"].alice)
    rows = contest_selectors.round_ranking(cw["round"])
    assert [(r.entry.team_name, r.result.rank, r.result.total) for r in rows] == [
        ("Beta team", 1, Decimal("73.33")),
        ("Alpha team", 2, Decimal("73.33")),
        ("Gamma team", 3, Decimal("51.67")),
    ]
    payload = (
        api_as(cw["world"].alice)
        .get(f"/api/v1/events/contests/{cw['contest'].slug}/ranking")
        .json()
    )
    assert payload["rows"][1]["tie_break"] == "criterion"
    assert payload["rows"][1]["tie_break_criterion"] == cw["criteria"][0].pk
    assert "two decimals" in payload["tie_rule"]


def test_results_are_published_in_three_languages_only(contest_world, client, api_as):
    cw = contest_world
    contest = cw["contest"]
    score(cw, cw["judy"], cw["alpha"], [8, 6, 4])
    contest_services.round_close(round_=cw["round"], by=cw["world"].alice)
    assert client.get(f"/api/v1/events/contests/{contest.slug}/results").status_code == 404
    contest_services.contest_update(
        contest=contest, by=cw["world"].alice, results_announcement={"en": "Well done."}
    )
    with pytest.raises(ValidationError):
        contest_services.contest_publish_results(contest=contest, by=cw["world"].alice)
    contest_services.contest_update(
        contest=contest,
        by=cw["world"].alice,
        results_announcement={"en": "Well done.", "zh-hans": "祝贺。", "he": "כל הכבוד."},
    )
    contest_services.contest_publish_results(contest=contest, by=cw["world"].alice)
    results = client.get(f"/api/v1/events/contests/{contest.slug}/results").json()
    assert results["announcement"] == {"en": "Well done.", "zh-hans": "祝贺。", "he": "כל הכבוד."}
    assert results["rows"][0]["entry"] == cw["alpha"].pk
    for language, text in (("zh-hans", "祝贺。"), ("he", "כל הכבוד.")):
        client.cookies["innohub_language"] = language
        page = client.get(contest.get_absolute_url()).content.decode()
        assert text in page
        assert 'id="results"' in page


def test_later_rounds_take_finalists_from_the_previous_one(contest_world):
    cw = contest_world
    contest = cw["contest"]
    final = contest_services.round_create(contest=contest, by=None, name={"en": "Final"})
    with pytest.raises(ValidationError):
        contest_services.round_open(round_=final, by=None)  # the first round is still open
    contest_services.round_close(round_=cw["round"], by=None)
    outsider = make_entry(contest, "Late")
    with pytest.raises(ValidationError):
        contest_services.round_open(round_=final, by=None, entries=[outsider])
    contest_services.round_open(round_=final, by=None, entries=[cw["alpha"], cw["beta"]])
    assert set(final.entries.values_list("team_name", flat=True)) == {"Alpha team", "Beta team"}
    with pytest.raises(ValidationError):
        contest_services.criterion_create(contest=contest, by=None, name={"en": "Late idea"})


def test_entries_with_files_through_the_page(world, client_as):
    contest = make_contest(world.hub_a, submissions_open=True)
    page = client_as(world.bob)
    response = page.post(
        f"/events/contests/{contest.slug}/enter/",
        {
            "title_0": "",
            "title_1": "Alpha hand",
            "title_2": "",
            "team_name": "Alpha team",
            "organisation": world.org_a.pk,
            "description_0": "",
            "description_1": "A robotic hand.",
            "description_2": "",
            "files": [
                SimpleUploadedFile("deck.pdf", b"%PDF-1.4 deck", content_type="application/pdf"),
                SimpleUploadedFile("plan.docx", _docx()),
            ],
        },
    )
    assert response.status_code == 302
    entry = contest.entries.get()
    assert entry.submitted_by == world.bob
    assert sorted(f.name for f in entry.files.all()) == ["deck.pdf", "plan.docx"]
    stored = entry.files.get(name="deck.pdf")
    download = page.get(f"/events/contests/entries/{entry.pk}/files/{stored.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 deck"
    assert (
        client_as(world.mallory)
        .get(f"/events/contests/entries/{entry.pk}/files/{stored.pk}/")
        .status_code
        == 404
    )
    bad = page.post(
        f"/events/contests/{contest.slug}/enter/",
        {
            "title_1": "Bad",
            "team_name": "Bad",
            "description_1": "x",
            "files": [SimpleUploadedFile("run.exe", b"MZ")],
        },
    )
    assert bad.status_code == 200
    assert contest.entries.count() == 1


def test_entries_are_refused_when_the_contest_is_closed_to_them(world):
    contest = make_contest(world.hub_a, submissions_open=False)
    with pytest.raises(ValidationError):
        contest_services.entry_create(
            contest=contest, by=world.bob, title={"en": "X"}, team_name="X", description={"en": "x"}
        )


def test_staff_run_the_contest_through_the_api(world, api_as):
    staff = api_as(world.alice)
    created = staff.post(
        "/api/v1/events/contests",
        {
            "hub": world.hub_a.slug,
            "title": {"en": "API contest"},
            "criteria": [{"name": {"en": "Idea"}, "weight": 2}, {"name": {"en": "Team"}}],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    slug = created.json()["slug"]
    round_id = created.json()["rounds"][0]["id"]
    entry = staff.post(
        f"/api/v1/events/contests/{slug}/entries",
        {"title": {"en": "Idea one"}, "team_name": "One", "description": {"en": "d"}},
        content_type="application/json",
    ).json()
    assert (
        staff.post(
            f"/api/v1/events/contests/{slug}/rounds/{round_id}/open",
            {},
            content_type="application/json",
        ).status_code
        == 200
    )
    assigned = staff.post(
        f"/api/v1/events/contests/{slug}/assignments",
        {"round": round_id, "entry": entry["id"], "judge": "judy"},
        content_type="application/json",
    )
    assert assigned.status_code == 201
    criteria = created.json()["criteria"]
    scored = api_as(world.judy).put(
        f"/api/v1/events/contests/entries/{entry['id']}/rounds/{round_id}/scorecard",
        {"marks": {str(criteria[0]["id"]): 7, str(criteria[1]["id"]): 9}},
        content_type="application/json",
    )
    assert scored.status_code == 200
    assert scored.json()["marks"] == {str(criteria[0]["id"]): 7, str(criteria[1]["id"]): 9}
    # Staff of another hub cannot touch it.
    other = api_as(world.charlie)
    assert (
        other.post(
            f"/api/v1/events/contests/{slug}/rounds/{round_id}/close",
            content_type="application/json",
        ).status_code
        == 403
    )
    assert (
        other.post(
            "/api/v1/events/contests",
            {"hub": world.hub_a.slug, "title": {"en": "Sneaky"}},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_absurd_ids_are_refused_not_crashed_on(contest_world, api_as):
    cw = contest_world
    final = contest_services.round_create(contest=cw["contest"], by=None, name={"en": "Final"})
    response = api_as(cw["world"].alice).post(
        f"/api/v1/events/contests/{cw['contest'].slug}/rounds/{final.pk}/open",
        {"entries": [cw["alpha"].pk, 81607440233162768608395264]},
        content_type="application/json",
    )
    assert response.status_code == 422

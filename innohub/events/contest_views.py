"""Contest pages: the public contest and its results, entering, judging, and running the rounds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import (
    ALL_HUBS,
    grants_for,
    hub_ids_staffed_by,
    require,
    user_is_hub_staff,
    user_is_staff_anywhere,
)
from innohub.accounts.models import User
from innohub.directory.models import Organisation
from innohub.events import access, contest_selectors, contest_services, ranking, selectors
from innohub.events.forms import (
    ContestForm,
    CriterionForm,
    EntryForm,
    RoundForm,
    ScoreForm,
    utc_to_local,
)
from innohub.events.models import (
    Assignment,
    Conflict,
    Contest,
    Criterion,
    Entry,
    Event,
    Round,
    RoundStatus,
)
from innohub.events.views import _form_errors
from innohub.network.models import Hub


def _contest(request: HttpRequest, slug: str) -> Contest:
    return access.access_contest_for_user(request.user, contest_selectors.contest_get(slug=slug))


def _staff_contest(request: HttpRequest, slug: str) -> Contest:
    return access.access_contest_for_staff(request.user, contest_selectors.contest_get(slug=slug))


def tie_note(row: ranking.RankedEntry, criteria: dict[int, Criterion]) -> str:
    """How an equal total was resolved, in words."""
    if row.tie_break == ranking.TIE_BY_CRITERION and row.tie_break_criterion in criteria:
        return _("Same total as the entry above; lower average on “%(criterion)s”.") % {
            "criterion": criteria[row.tie_break_criterion].name
        }
    if row.tie_break == ranking.TIE_BY_LOWEST_JUDGE:
        return _("Same total and criterion averages as the entry above; lower lowest judge total.")
    if row.tie_break == ranking.TIE_BY_SUBMISSION:
        return _("Same on every count as the entry above; submitted later.")
    return ""


def _ranking_rows(round_: Round) -> list[dict[str, Any]]:
    criteria = {c.pk: c for c in contest_selectors.criteria_of(round_.contest)}
    return [
        {"entry": row.entry, "result": row.result, "note": tie_note(row.result, criteria)}
        for row in contest_selectors.round_ranking(round_)
    ]


# ---------------------------------------------------------------- public


def contest_list(request: HttpRequest) -> HttpResponse:
    contests = list(
        contest_selectors.contest_list(user=request.user, hub=request.GET.get("hub", ""))
    )
    return render(
        request,
        "events/contest_list.html",
        {"contests": contests, "can_create": user_is_staff_anywhere(request.user)},
    )


def contest_detail(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(request, slug)
    is_staff = access.user_can_manage_contest(request.user, contest)
    final = contest_selectors.final_round(contest)
    results = _ranking_rows(final) if contest.results_published and final else None
    my_entries = [
        e for e in contest_selectors.entries_of(contest) if access.user_is_entrant(request.user, e)
    ]
    return render(
        request,
        "events/contest_detail.html",
        {
            "contest": contest,
            "criteria": contest_selectors.criteria_of(contest),
            "rounds": contest_selectors.rounds_of(contest),
            "entry_count": contest_selectors.active_entries(contest).count(),
            "results": results,
            "is_staff": is_staff,
            "is_judge": access.user_is_contest_judge(request.user, contest),
            "my_entries": my_entries,
        },
    )


# ---------------------------------------------------------------- staff


def _staff_hubs(user: Any) -> Any:
    staffed = hub_ids_staffed_by(user)
    return Hub.objects.all() if staffed is ALL_HUBS else Hub.objects.filter(pk__in=staffed or [])


@login_required
def contest_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    contest = _staff_contest(request, slug) if slug else None
    require(user_is_staff_anywhere(request.user))
    hubs = Hub.objects.filter(pk=contest.hub_id) if contest else _staff_hubs(request.user)
    events = Event.objects.filter(hub__in=hubs).order_by("-starts_at")
    zone = contest.hub.time_zone if contest else "Asia/Shanghai"
    initial: dict[str, Any] = {"hub": hubs.first()}
    if contest is not None:
        initial = {
            "hub": contest.hub_id,
            "title": contest.title,
            "description": contest.description,
            "event": contest.event_id,
            "is_public": contest.is_public,
            "submissions_open": contest.submissions_open,
            "submission_deadline": utc_to_local(contest.submission_deadline, zone),
            "results_announcement": contest.results_announcement,
        }
    form = ContestForm(request.POST or None, hubs=hubs, events=events, zone=zone, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        hub = data.pop("hub")
        require(user_is_hub_staff(request.user, hub.pk))
        try:
            if contest is None:
                contest = contest_services.contest_create(by=request.user, hub=hub, **data)
                messages.success(request, _("The contest has been created. Now set up its rubric."))
                return redirect("events:contest_criteria", contest.slug)
            contest_services.contest_update(contest=contest, by=request.user, **data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The contest has been saved."))
            return redirect("events:contest_manage", contest.slug)
    return render(request, "events/contest_form.html", {"form": form, "contest": contest})


@login_required
def criteria_edit(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _staff_contest(request, slug)
    FormSet = modelformset_factory(Criterion, form=CriterionForm, extra=2, can_delete=True)
    formset = FormSet(request.POST or None, queryset=contest.criteria.all(), prefix="criteria")
    if request.method == "POST" and formset.is_valid():
        try:
            for position, form in enumerate(formset.forms):
                if not form.has_changed() and form.instance.pk is None:
                    continue
                if form in formset.deleted_forms:
                    if form.instance.pk:
                        contest_services.criterion_delete(criterion=form.instance, by=request.user)
                    continue
                data = {
                    k: form.cleaned_data[k] for k in ("name", "description", "weight", "max_score")
                }
                if form.instance.pk:
                    contest_services.criterion_update(
                        criterion=form.instance, by=request.user, position=position, **data
                    )
                else:
                    contest_services.criterion_create(
                        contest=contest, by=request.user, position=position, **data
                    )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The rubric has been saved."))
            return redirect("events:contest_manage", contest.slug)
    return render(request, "events/contest_criteria.html", {"contest": contest, "formset": formset})


@login_required
@require_POST
def round_add(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _staff_contest(request, slug)
    form = RoundForm(request.POST)
    if form.is_valid():
        try:
            contest_services.round_create(
                contest=contest, by=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The round has been added."))
    else:
        messages.error(request, _("Name the round."))
    return redirect("events:contest_manage", contest.slug)


@login_required
@require_POST
def round_action(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    contest = _staff_contest(request, slug)
    round_ = get_object_or_404(Round, pk=pk, contest=contest)
    try:
        if action == "open":
            chosen = request.POST.getlist("entries")
            entries = None
            if chosen:
                entries = list(
                    contest.entries.filter(pk__in=[int(c) for c in chosen if c.isdigit()])
                )
            contest_services.round_open(round_=round_, by=request.user, entries=entries)
            messages.success(request, _("Judging has started in this round."))
        elif action == "close":
            contest_services.round_close(round_=round_, by=request.user)
            messages.success(
                request, _("The round is closed: judges can now see each other's scores.")
            )
        elif action == "assign-all":
            made = contest_services.assignments_for_all_judges(round_=round_, by=request.user)
            messages.success(request, _("%(count)d assignments made.") % {"count": made})
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("events:contest_manage", contest.slug)


@login_required
def contest_manage(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _staff_contest(request, slug)
    rounds = contest_selectors.rounds_of(contest)
    current = contest_selectors.current_round(contest)
    judges = contest_selectors.judges_of_hub(contest.hub_id)
    entries = list(contest_selectors.entries_of(contest))
    conflicts = list(contest.conflicts.select_related("judge", "entry"))
    context: dict[str, Any] = {
        "contest": contest,
        "rounds": rounds,
        "current": current,
        "criteria": contest_selectors.criteria_of(contest),
        "entries": entries,
        "judges": judges,
        "conflicts": conflicts,
        "rubric_editable": not any(r.status != RoundStatus.PENDING for r in rounds),
        "final": contest_selectors.final_round(contest),
    }
    if current is not None:
        assignments = contest_selectors.assignments_of_round(current)
        cards = contest_selectors.scorecards_of_round(current)
        criteria_count = len(context["criteria"])
        complete = {(c.entry_id, c.judge_id) for c in cards if len(c.marks.all()) >= criteria_count}
        by_entry: dict[int, list[dict[str, Any]]] = {}
        for a in assignments:
            by_entry.setdefault(a.entry_id, []).append(
                {"assignment": a, "scored": (a.entry_id, a.judge_id) in complete}
            )
        conflicted = {(c.entry_id, c.judge_id) for c in conflicts}
        round_entries = (
            list(current.entries.all()) if current.status != RoundStatus.PENDING else entries
        )
        context["matrix"] = [
            {
                "entry": entry,
                "assigned": by_entry.get(entry.pk, []),
                "available": [
                    j
                    for j in judges
                    if (entry.pk, j.pk) not in conflicted
                    and j.pk
                    not in {row["assignment"].judge_id for row in by_entry.get(entry.pk, [])}
                ],
            }
            for entry in round_entries
        ]
        context["ranking"] = _ranking_rows(current) if current.status != RoundStatus.PENDING else []
        context["previous"] = next(
            (
                r
                for r in reversed(rounds)
                if r.position < current.position and r.status == RoundStatus.CLOSED
            ),
            None,
        )
    pending = next((r for r in rounds if r.status == RoundStatus.PENDING), None)
    if pending is not None and any(
        r.status != RoundStatus.CLOSED for r in rounds if r.position < pending.position
    ):
        pending = None  # the round before it is still being judged
    context["pending"] = pending
    if pending is not None and pending.position > 1:
        previous = next((r for r in rounds if r.position == pending.position - 1), None)
        context["finalist_choices"] = (
            _ranking_rows(previous) if previous and previous.is_closed else []
        )
    return render(request, "events/contest_manage.html", context)


@login_required
@require_POST
def assignment_action(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _staff_contest(request, slug)
    try:
        if request.POST.get("remove"):
            assignment = get_object_or_404(
                Assignment, pk=request.POST["remove"], round__contest=contest
            )
            contest_services.assignment_delete(assignment=assignment, by=request.user)
            messages.success(request, _("The assignment has been removed."))
        else:
            round_ = get_object_or_404(Round, pk=request.POST.get("round"), contest=contest)
            entry = get_object_or_404(Entry, pk=request.POST.get("entry"), contest=contest)
            judge = get_object_or_404(User, pk=request.POST.get("judge"))
            contest_services.assignment_create(
                round_=round_, entry=entry, judge=judge, by=request.user
            )
            messages.success(request, _("The judge has been assigned."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("events:contest_manage", contest.slug)


@login_required
@require_POST
def conflict_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    contest = _staff_contest(request, slug)
    conflict = get_object_or_404(Conflict, pk=pk, contest=contest)
    contest_services.conflict_delete(conflict=conflict, by=request.user)
    messages.success(request, _("The conflict of interest has been removed."))
    return redirect("events:contest_manage", contest.slug)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _staff_contest(request, slug)
    try:
        if request.POST.get("unpublish"):
            contest_services.contest_unpublish_results(contest=contest, by=request.user)
            messages.success(request, _("The results are no longer public."))
        else:
            contest_services.contest_publish_results(contest=contest, by=request.user)
            messages.success(request, _("The results are published."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("events:contest_manage", contest.slug)


# ---------------------------------------------------------------- judges


@login_required
def judging_overview(request: HttpRequest) -> HttpResponse:
    """Every contest a judge takes part in, with what is left to score."""
    grants = grants_for(request.user)
    contests = list(
        Contest.objects.filter(hub_id__in=grants.judge_hubs)
        .select_related("hub")
        .order_by("-created_at")
    )
    rows = []
    for contest in contests:
        tasks = contest_selectors.judge_tasks(user=request.user, contest=contest)
        open_tasks = [t for t in tasks if t.round.is_open]
        rows.append(
            {
                "contest": contest,
                "to_score": sum(1 for t in open_tasks if not t.complete),
                "scored": sum(1 for t in open_tasks if t.complete),
            }
        )
    return render(request, "events/judging_overview.html", {"rows": rows})


@login_required
def contest_judging(request: HttpRequest, slug: str) -> HttpResponse:
    contest = access.access_contest_for_judge(
        request.user, contest_selectors.contest_get(slug=slug)
    )
    conflicted = contest_selectors.conflicted_entry_ids(request.user, contest)
    declared = list(
        Conflict.objects.filter(contest=contest, judge=request.user).select_related("entry")
    )
    declarable = [e for e in contest_selectors.active_entries(contest) if e.pk not in conflicted]
    closed_rounds = [r for r in contest_selectors.rounds_of(contest) if r.is_closed]
    closed = [
        {
            "round": r,
            "ranking": _ranking_rows(r),
            "cards": contest_selectors.scorecards_of_round(r, exclude_entries=conflicted),
        }
        for r in closed_rounds
    ]
    return render(
        request,
        "events/contest_judging.html",
        {
            "contest": contest,
            "tasks": contest_selectors.judge_tasks(user=request.user, contest=contest),
            "declared": declared,
            "declarable": declarable,
            "closed": closed,
            "criteria": contest_selectors.criteria_of(contest),
        },
    )


@login_required
@require_POST
def conflict_declare(request: HttpRequest, slug: str) -> HttpResponse:
    contest = access.access_contest_for_judge(
        request.user, contest_selectors.contest_get(slug=slug)
    )
    entry = get_object_or_404(Entry, pk=request.POST.get("entry"), contest=contest)
    try:
        contest_services.conflict_declare(
            entry=entry, judge=request.user, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Your conflict of interest has been recorded; you will not see or score this entry."),
        )
    return redirect("events:contest_judging", contest.slug)


@login_required
def entry_score(request: HttpRequest, pk: int, round_id: int) -> HttpResponse:
    entry = access.access_entry_for_user(request.user, contest_selectors.entry_get(pk))
    round_ = get_object_or_404(Round, pk=round_id, contest=entry.contest)
    require(access.judge_may_score(request.user, entry, round_))
    criteria = contest_selectors.criteria_of(entry.contest)
    card = contest_selectors.scorecard_for(user=request.user, entry=entry, round_=round_)
    initial: dict[str, Any] = {}
    if card is not None:
        initial = {f"criterion_{m.criterion_id}": m.value for m in card.marks.all()}
        initial["comment"] = card.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            card = contest_services.scorecard_save(
                round_=round_,
                entry=entry,
                judge=request.user,
                marks=form.marks(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            complete = all(v is not None for v in form.marks().values())
            if complete:
                messages.success(request, _("Your scores have been saved."))
            else:
                messages.warning(
                    request,
                    _("Your scores have been saved; they count once every criterion has a mark."),
                )
            return redirect("events:contest_judging", entry.contest.slug)
    return render(
        request,
        "events/entry_score.html",
        {
            "entry": entry,
            "round": round_,
            "form": form,
            "contest": entry.contest,
            "editable": round_.is_open,
        },
    )


# ---------------------------------------------------------------- entries


def _entry_organisations(user: Any, contest: Contest, keep: int | None = None) -> Any:
    """Staff choose among the hub's organisations; an entrant among the ones they represent."""
    kept = [keep] if keep else []
    if access.user_can_manage_contest(user, contest):
        return selectors.organisation_choices([contest.hub_id], keep=kept)
    return Organisation.objects.filter(pk__in=[*grants_for(user).organisations, *kept])


@login_required
def entry_create(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(request, slug)
    as_staff = access.user_can_manage_contest(request.user, contest)
    if not as_staff and not contest.accepts_entries():
        messages.error(request, _("This contest is not accepting entries."))
        return redirect(contest)
    initial = {"contact_name": str(request.user), "contact_email": request.user.email}
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        organisations=_entry_organisations(request.user, contest),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "files"}
        try:
            entry = contest_services.entry_create(
                contest=contest,
                by=request.user,
                as_staff=as_staff,
                files=form.cleaned_data["files"],
                **data,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your entry has been received."))
            return redirect(entry)
    return render(request, "events/entry_form.html", {"form": form, "contest": contest})


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.access_entry_for_user(request.user, contest_selectors.entry_get(pk))
    as_staff = access.user_can_manage_contest(request.user, entry.contest)
    require(as_staff or access.user_is_entrant(request.user, entry))
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        instance=Entry.objects.get(pk=entry.pk),
        organisations=_entry_organisations(request.user, entry.contest, keep=entry.organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "files"}
        try:
            contest_services.entry_update(entry=entry, by=request.user, as_staff=as_staff, **data)
            for upload in form.cleaned_data["files"]:
                contest_services.entry_file_add(entry=entry, by=request.user, upload=upload)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The entry has been saved."))
            return redirect(entry)
    return render(
        request, "events/entry_form.html", {"form": form, "contest": entry.contest, "entry": entry}
    )


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.access_entry_for_user(request.user, contest_selectors.entry_get(pk))
    contest = entry.contest
    is_staff = access.user_can_manage_contest(request.user, contest)
    rounds = [
        r for r in contest_selectors.rounds_of(contest) if r.entries.filter(pk=entry.pk).exists()
    ]
    round_rows = []
    for round_ in rounds:
        mine = contest_selectors.scorecard_for(user=request.user, entry=entry, round_=round_)
        others = []
        if access.user_sees_other_judges_scores(request.user, round_):
            others = [
                c for c in contest_selectors.scorecards_of_round(round_) if c.entry_id == entry.pk
            ]
        round_rows.append(
            {
                "round": round_,
                "mine": mine,
                "may_score": round_.is_open and access.judge_may_score(request.user, entry, round_),
                "cards": others,
            }
        )
    return render(
        request,
        "events/entry_detail.html",
        {
            "entry": entry,
            "contest": contest,
            "is_staff": is_staff,
            "can_edit": is_staff
            or (access.user_is_entrant(request.user, entry) and contest.accepts_entries()),
            "rounds": round_rows,
            "criteria": contest_selectors.criteria_of(contest),
        },
    )


@login_required
def entry_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    entry = access.access_entry_for_user(request.user, contest_selectors.entry_get(pk))
    stored = get_object_or_404(entry.files, pk=file_id)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=stored.name)

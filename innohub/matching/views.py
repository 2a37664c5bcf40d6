"""Matchmaking pages: search, my matches, listings with their suggestions, introductions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import (
    ALL_HUBS,
    grants_for,
    hub_ids_staffed_by,
    require,
    user_is_staff_anywhere,
)
from innohub.directory.models import Membership, Organisation
from innohub.matching import access, selectors, services
from innohub.matching.embedding import embedder_status
from innohub.matching.forms import (
    IntroductionFilterForm,
    IntroductionForm,
    IntroductionStepForm,
    ListingForm,
    MatchFilterForm,
    SearchForm,
)
from innohub.matching.models import (
    COUNTERPART_KINDS,
    Introduction,
    Listing,
    ListingKind,
    ListingStatus,
    Verdict,
)
from innohub.network.models import Hub
from innohub.network.selectors import hub_choices_for

PAGE_SIZE = 20


def _filters(form: MatchFilterForm) -> selectors.MatchFilters:
    if not form.is_valid():
        return selectors.MatchFilters()
    data = form.cleaned_data
    return selectors.MatchFilters(
        sector=data.get("sector") or "",
        stage=data.get("stage") or "",
        hub=data.get("hub") or "",
        country=data.get("country") or "",
        amount=data.get("amount"),
        currency=data.get("currency") or "USD",
    )


def _is_fragment(request: HttpRequest, target: str) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == target


def search(request: HttpRequest) -> HttpResponse:
    """The search box (any of the three languages) and, without a query, the newest listings."""
    hubs = hub_choices_for(request)
    form = SearchForm(request.GET or None, hubs=hubs)
    query, kind = "", ListingKind.OFFER
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        kind = form.cleaned_data["kind"] or ListingKind.OFFER
    context: dict[str, Any] = {
        "form": form,
        "query": query,
        "kind": kind,
        "kind_label": ListingKind(kind).label,
        "status": embedder_status(),
        "can_post": access.user_can_post_anything(request.user),
    }
    if query:
        context["result"] = selectors.search(
            user=request.user, text=query, kind=kind, filters=_filters(form), limit=PAGE_SIZE
        )
    else:
        filters = _filters(form)
        listings = selectors.listing_list(
            user=request.user,
            filters=selectors.ListingFilters(kind=kind, sector=filters.sector, hub=filters.hub),
        )
        page = Paginator(listings, PAGE_SIZE).get_page(request.GET.get("page"))
        context["page"] = page
    template = "matching/search.html"
    if _is_fragment(request, "results"):
        template += "#results"
    return render(request, template, context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My matches: each open listing of my organisations with its five best counterparts."""
    listings = list(selectors.listings_of_user(request.user))
    entries = []
    for listing in listings:
        results = []
        if listing.status == ListingStatus.OPEN:
            # An offer has two kinds of counterparts, needs and theses: a list for each.
            for kind in COUNTERPART_KINDS[listing.kind]:
                result = selectors.listing_matches(
                    user=request.user, listing=listing, kind=kind, limit=5
                )
                results.append({"kind": ListingKind(kind), "result": result})
        entries.append({"listing": listing, "results": results})
    organisations = grants_for(request.user).organisations
    introductions = (
        selectors.introduction_list(
            user=request.user, filters=selectors.IntroductionFilters()
        ).filter(
            Q(listing__organisation_id__in=organisations)
            | Q(counterpart__organisation_id__in=organisations)
        )[:20]
        if organisations
        else []
    )
    return render(
        request,
        "matching/mine.html",
        {
            "entries": entries,
            "introductions": introductions,
            "status": embedder_status(),
            "can_post": access.user_can_post_anything(request.user),
            "is_staff": user_is_staff_anywhere(request.user),
            "represents": bool(organisations),
        },
    )


def _listing(request: HttpRequest, pk: int) -> Listing:
    return access.access_listing_for_user(request.user, selectors.listing_get(pk=pk))


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _listing(request, pk)
    acts = access.user_acts_for_listing(request.user, listing)
    context: dict[str, Any] = {
        "listing": listing,
        "acts": acts,
        "status": embedder_status(),
        "ip_assets": selectors.visible_ip_assets(user=request.user, listing=listing),
    }
    if acts:
        hubs = hub_choices_for(request)
        form = MatchFilterForm(request.GET or None, hubs=hubs)
        kinds = COUNTERPART_KINDS[listing.kind]
        kind = request.GET.get("kind") if request.GET.get("kind") in kinds else kinds[0]
        context.update(
            filter_form=form,
            counterpart_kinds=[(k, ListingKind(k).label) for k in kinds],
            counterpart_kind=kind,
            result=selectors.listing_matches(
                user=request.user,
                listing=listing,
                filters=_filters(form),
                kind=kind,
                limit=10,
            ),
            staff_can_introduce=user_is_staff_anywhere(request.user),
            introductions=selectors.introduction_list(
                user=request.user, filters=selectors.IntroductionFilters()
            ).filter(Q(listing=listing) | Q(counterpart=listing)),
            introduction_form=IntroductionForm(initial={"on": timezone.localdate()}),
        )
        if _is_fragment(request, "suggestions"):
            return render(request, "matching/listing_detail.html#suggestions", context)
    return render(request, "matching/listing_detail.html", context)


def _organisations_for(user: Any, preset: str) -> QuerySet[Organisation]:
    grants = grants_for(user)
    staffed = hub_ids_staffed_by(user)
    visible = Q(pk__in=grants.organisations)
    if staffed is ALL_HUBS:
        visible |= Q(memberships__isnull=False)
    elif staffed:
        visible |= Q(memberships__hub_id__in=staffed)
    qs = Organisation.objects.filter(visible).distinct().order_by("sort_name")
    if preset:
        qs = qs.filter(slug=preset)
    return qs


def _hubs_for(user: Any) -> QuerySet[Hub]:
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return Hub.objects.all()
    own = grants_for(user).organisations
    hub_ids = set(staffed or ())
    hub_ids |= set(
        Membership.objects.filter(organisation_id__in=own).values_list("hub_id", flat=True)
    )
    homeless = Organisation.objects.filter(pk__in=own, memberships__isnull=True).exists()
    allowed = Q(pk__in=hub_ids)
    if homeless:
        allowed |= Q(is_public=True)
    return Hub.objects.filter(allowed)


@login_required
def listing_create(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ListingKind.values:
        raise Http404
    require(access.user_can_post_anything(request.user))
    organisations = _organisations_for(request.user, request.GET.get("organisation", ""))
    hubs = _hubs_for(request.user)
    initial: dict[str, Any] = {}
    if organisations.count() == 1:
        initial["organisation"] = organisations.first()
    if hubs.count() == 1:
        initial["hub"] = hubs.first()
    form = ListingForm(
        request.POST or None,
        kind=kind,
        organisations=organisations,
        hubs=hubs,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        organisation, hub = form.cleaned_data["organisation"], form.cleaned_data["hub"]
        require(access.user_can_create_listing(request.user, organisation=organisation, hub=hub))
        try:
            listing = services.listing_create(
                by=request.user,
                kind=kind,
                organisation=organisation,
                hub=hub,
                **form.listing_data(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved. Here are its first suggestions."))
            return redirect(listing)
    return render(
        request,
        "matching/listing_form.html",
        {"form": form, "kind_label": ListingKind(kind).label, "listing": None},
    )


@login_required
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access.access_listing_for_edit(request.user, selectors.listing_get(pk=pk))
    form = ListingForm(request.POST or None, kind=listing.kind, instance=Listing.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_update(listing=listing, by=request.user, **form.listing_data())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The listing has been saved."))
            return redirect(listing)
    return render(
        request,
        "matching/listing_form.html",
        {"form": form, "kind_label": listing.get_kind_display(), "listing": listing},
    )


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
@require_POST
def feedback(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    """Interested / not relevant / withdraw, on one suggestion of one listing."""
    listing = _listing(request, pk)
    require(access.user_acts_for_listing(request.user, listing))
    candidate = access.access_listing_for_user(request.user, selectors.listing_get(pk=candidate_pk))
    raw = request.POST.get("verdict", "")
    verdict = {"1": Verdict.INTERESTED, "-1": Verdict.NOT_RELEVANT}.get(raw)
    if raw not in {"1", "-1", "0"}:
        messages.error(request, _("Choose interested or not relevant."))
        return redirect(listing)
    try:
        services.feedback_set(
            user=request.user, listing=listing, candidate=candidate, verdict=verdict
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(listing)
    if request.headers.get("HX-Request"):
        suggestion = selectors.Suggestion(listing=candidate, score=0.0, verdict=int(verdict or 0))
        return render(
            request,
            "matching/suggestions.html#feedback",
            {
                "suggestion": suggestion,
                "subject": listing,
                "next_url": _back(request, listing.get_absolute_url()),
            },
        )
    messages.success(request, _("Thank you: your matches will take this into account."))
    return redirect(_back(request, listing.get_absolute_url()))


@login_required
@require_POST
def introduce(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    listing = _listing(request, pk)
    candidate = access.access_listing_for_user(request.user, selectors.listing_get(pk=candidate_pk))
    require(access.user_can_introduce(request.user, listing, candidate))
    form = IntroductionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the introduction."))
        return redirect(listing)
    staffed = hub_ids_staffed_by(request.user)
    hub_id = (
        listing.hub_id
        if staffed is ALL_HUBS or listing.hub_id in (staffed or ())
        else candidate.hub_id
    )
    try:
        introduction = services.introduction_create(
            by=request.user,
            hub=Hub.objects.get(pk=hub_id),
            listing=listing,
            counterpart=candidate,
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(listing)
    messages.success(request, _("The introduction has been recorded."))
    return redirect(introduction)


@login_required
def introductions(request: HttpRequest) -> HttpResponse:
    hubs = hub_choices_for(request)
    form = IntroductionFilterForm(request.GET or None, hubs=hubs)
    filters = selectors.IntroductionFilters()
    if form.is_valid():
        filters = selectors.IntroductionFilters(**form.cleaned_data)
    qs = selectors.introduction_list(user=request.user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    is_staff = user_is_staff_anywhere(request.user)
    return render(
        request,
        "matching/introductions.html",
        {
            "form": form,
            "page": page,
            "is_staff": is_staff,
            "counts": selectors.introduction_counts(user=request.user),
            "requests": selectors.introduction_requests(user=request.user) if is_staff else [],
            "introduction_form": IntroductionForm(initial={"on": timezone.localdate()}),
        },
    )


@login_required
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    introduction = access.access_introduction_for_user(
        request.user, selectors.introduction_get(pk=pk)
    )
    states = services.introduction_next_states(introduction.state)
    can_update = access.user_can_update_introduction(request.user, introduction) and bool(states)
    return render(
        request,
        "matching/introduction_detail.html",
        {
            "introduction": introduction,
            "can_update": can_update,
            "step_form": IntroductionStepForm(
                states=states,
                agreements=selectors.introduction_agreement_choices(introduction),
                initial={"on": timezone.localdate(), "state": states[0]},
            )
            if can_update
            else None,
        },
    )


@login_required
@require_POST
def introduction_step(request: HttpRequest, pk: int) -> HttpResponse:
    introduction = access.access_introduction_for_user(
        request.user, get_object_or_404(Introduction, pk=pk)
    )
    require(access.user_can_update_introduction(request.user, introduction))
    form = IntroductionStepForm(
        request.POST, agreements=selectors.introduction_agreement_choices(introduction)
    )
    if form.is_valid():
        try:
            services.introduction_transition(
                introduction=introduction,
                to_state=form.cleaned_data["state"],
                by=request.user,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
                reference=form.cleaned_data["reference"],
                agreement_id=form.cleaned_data["agreement"].pk
                if form.cleaned_data["agreement"]
                else None,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The introduction has been updated."))
    else:
        messages.error(request, _("Choose what happened and when."))
    return redirect(introduction)

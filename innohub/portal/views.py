"""The public face: home page, product showcase, news with photo galleries; staff publish news."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by, require, user_is_staff_anywhere
from innohub.common.images import PhotoForm, image_response, photo_upload
from innohub.directory import access as directory_access
from innohub.directory import selectors as directory_selectors
from innohub.directory.selectors import members_count_on
from innohub.ip import selectors as ip_selectors
from innohub.network.models import Hub
from innohub.network.selectors import current_hub, hub_choices_public
from innohub.portal import access, selectors, services
from innohub.portal.forms import NewsFilterForm, NewsForm, ShowcaseFilterForm
from innohub.portal.models import NewsPhoto

NEWS_PAGE_SIZE = 12
SHOWCASE_PAGE_SIZE = 24


def home(request: HttpRequest) -> HttpResponse:
    hub = current_hub(request)
    context: dict = {"hub": hub}
    if hub is not None:
        context["members"] = members_count_on(hub=hub, day=timezone.localdate())
        context["sectors"] = directory_selectors.sectors_of_public_members(hub)
        latest = list(selectors.news_published(hub_slug=hub.slug)[:3])
        context["news"] = selectors.news_cards(selectors.news_page_related(latest))
    return render(request, "portal/home.html", context)


# ---------------------------------------------------------------------------- showcase


def showcase(request: HttpRequest) -> HttpResponse:
    hubs = hub_choices_public(request)
    form = ShowcaseFilterForm(
        request.GET or None, hubs=hubs, sectors=list(directory_selectors.sector_list())
    )
    filters = directory_selectors.ShowcaseFilters()
    if form.is_valid():
        filters = directory_selectors.ShowcaseFilters(**form.cleaned_data)
    qs = directory_selectors.product_showcase(filters=filters)
    page = Paginator(qs, SHOWCASE_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = directory_selectors.product_page_related(list(page.object_list))
    template = "portal/showcase.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        template += "#results"
    return render(request, template, {"form": form, "page": page})


def showcase_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = directory_access.access_product_for_user(
        request.user, directory_selectors.product_get(pk)
    )
    return render(
        request,
        "portal/showcase_detail.html",
        {
            "product": product,
            "photos": list(product.photos.all()),
            "can_edit": directory_access.user_can_manage_products(
                request.user, product.organisation
            ),
            "is_public": directory_access.product_is_public(product),
            "ip_assets": ip_selectors.product_assets(product=product, user=request.user),
        },
    )


# ---------------------------------------------------------------------------- news


def _staffed_hubs(user: Any) -> Any:
    staffed = hub_ids_staffed_by(user)
    return Hub.objects.all() if staffed is ALL_HUBS else Hub.objects.filter(pk__in=staffed or [])


def news_list(request: HttpRequest) -> HttpResponse:
    hubs = hub_choices_public(request)
    form = NewsFilterForm(request.GET or None, hubs=hubs)
    hub_slug = form.cleaned_data["hub"] if form.is_valid() else ""
    hub = next((h for h in hubs if h.slug == hub_slug), None)
    qs = selectors.news_published(hub_slug=hub_slug)
    page = Paginator(qs, NEWS_PAGE_SIZE).get_page(request.GET.get("page"))
    cards = selectors.news_cards(selectors.news_page_related(list(page.object_list)))
    drafts = []
    if user_is_staff_anywhere(request.user):
        drafts = list(selectors.news_drafts_for_user(user=request.user, hub_slug=hub_slug))
    return render(
        request,
        "portal/news_list.html",
        {
            "form": form,
            "hub": hub,
            "page": page,
            "cards": cards,
            "drafts": drafts,
            "can_publish": user_is_staff_anywhere(request.user),
        },
    )


def news_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    item = access.access_news_for_user(request.user, selectors.news_get(pk))
    language = get_language()
    texts = {
        name: selectors.news_text(item, name, language) for name in ("title", "summary", "body")
    }
    untranslated = not all(r.translated for r in texts.values() if r.text)
    return render(
        request,
        "portal/news_detail.html",
        {
            "item": item,
            "texts": texts,
            "untranslated": untranslated,
            "reader_language": selectors.language_name(language),
            "original_language": selectors.language_name(item.original_language),
            "photos": list(item.photos.all()),
            "can_edit": access.user_can_publish_news(request.user, item.hub_id),
            "is_public": access.news_is_public(item),
        },
    )


@login_required
def news_create(request: HttpRequest) -> HttpResponse:
    require(user_is_staff_anywhere(request.user))
    hubs = _staffed_hubs(request.user)
    current = current_hub(request)
    initial = {
        "original_language": get_language(),
        "hub": current.pk if current and hubs.filter(pk=current.pk).exists() else None,
        "happened_on": timezone.localdate(),
    }
    form = NewsForm(request.POST or None, hubs=hubs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        hub = data.pop("hub")
        require(access.user_can_publish_news(request.user, hub.pk))
        try:
            item = services.news_create(hub=hub, by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The news item has been saved as a draft."))
            return redirect("portal:news_edit", item.pk)
    return render(request, "portal/news_form.html", {"form": form, "item": None})


@login_required
def news_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_news_for_edit(request.user, selectors.news_get(pk))
    initial = {
        "hub": item.hub,
        "original_language": item.original_language,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "happened_on": item.happened_on,
    }
    form = NewsForm(request.POST or None, hubs=Hub.objects.filter(pk=item.hub_id), initial=initial)
    form.fields["hub"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "hub"}
        try:
            services.news_update(item=item, by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The news item has been saved."))
            return redirect("portal:news_edit", item.pk)
    return render(
        request,
        "portal/news_form.html",
        {
            "form": form,
            "item": item,
            "photos": list(item.photos.all()),
            "photo_form": PhotoForm(),
            "missing": [selectors.language_name(c) for c in item.missing_languages()],
        },
    )


@login_required
@require_POST
def news_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_news_for_edit(request.user, selectors.news_get(pk))
    if request.POST.get("unpublish"):
        services.news_unpublish(item=item, by=request.user)
        messages.success(request, _("The news item is no longer public."))
    else:
        services.news_publish(item=item, by=request.user)
        messages.success(request, _("The news item has been published."))
    return redirect("portal:news_edit", item.pk)


@login_required
@require_POST
def news_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_news_for_edit(request.user, selectors.news_get(pk))
    services.news_delete(item=item, by=request.user)
    messages.success(request, _("The news item has been deleted."))
    return redirect("portal:news_list")


@login_required
@require_POST
def news_photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_news_for_edit(request.user, selectors.news_get(pk))

    def add(data: bytes, caption: Any) -> None:
        services.news_photo_add(item=item, data=data, caption=caption, by=request.user)

    photo_upload(request, add, _("The photo has been added to the gallery."))
    return redirect("portal:news_edit", item.pk)


@login_required
@require_POST
def news_photo_delete(request: HttpRequest, pk: int) -> HttpResponse:
    photo = NewsPhoto.objects.select_related("news__hub").filter(pk=pk).first()
    if photo is None:
        raise Http404
    item = access.access_news_for_edit(request.user, photo.news)
    services.news_photo_delete(photo=photo, by=request.user)
    messages.success(request, _("The photo has been deleted."))
    return redirect("portal:news_edit", item.pk)


def news_photo(request: HttpRequest, pk: int, size: str) -> HttpResponse:
    if size not in ("full", "thumb"):
        raise Http404
    photo = NewsPhoto.objects.select_related("news__hub").filter(pk=pk).first()
    if photo is None:
        raise Http404
    item = access.access_news_for_user(request.user, photo.news)
    return image_response(photo, thumbnail=size == "thumb", public=access.news_is_public(item))

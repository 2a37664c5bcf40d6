"""Members keep their own products and photos; photos are served here after an access check."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import require
from innohub.common.images import PhotoForm, image_response, photo_upload
from innohub.directory import access, selectors, services
from innohub.directory.forms import ProductForm
from innohub.directory.models import Product, ProductPhoto


def _product(pk: int) -> Product | None:
    return Product.all_objects.select_related("organisation", "sector").filter(pk=pk).first()


@login_required
def product_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation_for_user(
        request.user, selectors.organisation_get(slug=slug)
    )
    require(access.user_can_manage_products(request.user, organisation))
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The product has been added. Add photos to it below."))
            return redirect("directory:product_edit", product.pk)
    return render(
        request,
        "directory/product_form.html",
        {"form": form, "organisation": organisation, "product": None},
    )


@login_required
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    product = access.access_product_for_edit(request.user, _product(pk))
    form = ProductForm(request.POST or None, instance=Product.objects.get(pk=product.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(product=product, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The product has been saved."))
            return redirect("directory:product_edit", product.pk)
    return render(
        request,
        "directory/product_form.html",
        {
            "form": form,
            "organisation": product.organisation,
            "product": product,
            "photos": product.photos.all(),
            "photo_form": PhotoForm(),
        },
    )


@login_required
@require_POST
def product_delete(request: HttpRequest, pk: int) -> HttpResponse:
    product = access.access_product_for_edit(request.user, _product(pk))
    services.product_delete(product=product, by=request.user)
    messages.success(request, _("The product has been removed from the showcase."))
    return redirect(product.organisation)


@login_required
@require_POST
def product_photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    product = access.access_product_for_edit(request.user, _product(pk))

    def add(data: bytes, caption: Any) -> None:
        services.product_photo_add(product=product, data=data, caption=caption, by=request.user)

    photo_upload(request, add, _("The photo has been added."))
    return redirect("directory:product_edit", product.pk)


@login_required
@require_POST
def product_photo_delete(request: HttpRequest, pk: int) -> HttpResponse:
    photo = ProductPhoto.objects.select_related("product__organisation").filter(pk=pk).first()
    if photo is None:
        raise Http404
    product = access.access_product_for_edit(request.user, photo.product)
    services.product_photo_delete(photo=photo, by=request.user)
    messages.success(request, _("The photo has been deleted."))
    return redirect("directory:product_edit", product.pk)


def product_photo(request: HttpRequest, pk: int, size: str) -> HttpResponse:
    if size not in ("full", "thumb"):
        raise Http404
    photo = ProductPhoto.objects.select_related("product__organisation").filter(pk=pk).first()
    if photo is None:
        raise Http404
    product = access.access_product_for_user(request.user, photo.product)
    return image_response(
        photo, thumbnail=size == "thumb", public=access.product_is_public(product)
    )

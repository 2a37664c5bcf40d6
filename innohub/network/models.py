"""Hubs and the networks of sister hubs they belong to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.models import SoftDeleteModel, TimeStampedModel


class Network(TimeStampedModel):
    slug = models.SlugField(_("short name"), unique=True)
    name = I18nField(_("name"), max_length=200)
    description = I18nField(_("description"), blank=True, multiline=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.name)


class Hub(TimeStampedModel, SoftDeleteModel):
    slug = models.SlugField(_("short name"), unique=True)
    name = I18nField(_("name"), max_length=200)
    short_name = I18nField(_("short name"), blank=True, max_length=60)
    network = models.ForeignKey(
        Network,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hubs",
        verbose_name=_("network"),
    )
    joined_network_on = models.DateField(_("joined the network on"), null=True, blank=True)
    city = I18nField(_("city"), blank=True, max_length=100)
    province = I18nField(_("province"), blank=True, max_length=100)
    address = I18nField(_("address"), blank=True, max_length=300)
    country = models.CharField(_("country"), max_length=2, default="CN")
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    operator = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="operated_hubs",
        verbose_name=_("operator"),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    description = I18nField(_("description"), blank=True, multiline=True)
    is_public = models.BooleanField(_("shown to the public"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["opened_on", "slug"]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("network:hub_detail", args=[self.slug])

"""Public-facing content of the portal: the hubs' news items and their photo galleries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.images import StoredImage
from innohub.common.models import SoftDeleteModel, TimeStampedModel


class NewsItem(TimeStampedModel, SoftDeleteModel):
    """A short news item of one hub, written in one language and translated (or not) into others."""

    hub = models.ForeignKey(
        "network.Hub", on_delete=models.CASCADE, related_name="news", verbose_name=_("hub")
    )
    title = I18nField(_("title"), max_length=200)
    summary = I18nField(_("summary"), blank=True, multiline=True, max_length=600)
    body = I18nField(_("text"), blank=True, multiline=True, max_length=20000)
    original_language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    happened_on = models.DateField(_("date of the event"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["hub", "published_at"])]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    def url_slug(self) -> str:
        slug = slugify(self.title.get("en") or "", allow_unicode=False)[:60] or "news"
        return f"{slug}-news" if slug in {"edit", "publish", "delete", "photos"} else slug

    def get_absolute_url(self) -> str:
        return reverse("portal:news_detail", args=[self.pk, self.url_slug()])

    def missing_languages(self) -> list[str]:
        """Languages in which the title or the text is not written."""
        missing = []
        for code, _name in settings.LANGUAGES:
            if not self.title.get(code) or (self.body and not self.body.get(code)):
                missing.append(code)
        return missing


class NewsPhoto(StoredImage):
    storage_folder = "news"

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="photos")

    class Meta:
        verbose_name = _("news photo")
        verbose_name_plural = _("news photos")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.news} · {self.pk}"

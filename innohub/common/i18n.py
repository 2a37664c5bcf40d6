"""Text stored in every platform language in one field, with a sensible fallback order."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES: tuple[str, ...] = ("zh-hans", "en", "he")
FALLBACK_ORDER: tuple[str, ...] = ("en", "zh-hans", "he")


def normalise_language(code: str | None) -> str:
    """Map any Django language code (zh-cn, zh-Hans, he-il, en-us) to one we store."""
    if not code:
        return settings.LANGUAGE_CODE
    code = code.lower().replace("_", "-")
    if code.startswith("zh"):
        return "zh-hans"
    if code.startswith(("he", "iw")):
        return "he"
    return "en"


class LocalizedText(dict):
    """A dict language → text that renders in the active language, falling back to another."""

    def resolve(self, language: str | None = None) -> tuple[str, str | None]:
        """The text to show and the language it is actually in (None when empty)."""
        wanted = normalise_language(language or get_language())
        for code in (wanted, *FALLBACK_ORDER):
            text = self.get(code)
            if text:
                return text, code
        for code, text in self.items():
            if text:
                return text, code
        return "", None

    def in_language(self, language: str | None = None) -> str:
        return self.resolve(language)[0]

    def has(self, language: str) -> bool:
        return bool(self.get(normalise_language(language)))

    def all_text(self) -> str:
        return " ".join(text for text in self.values() if text)

    def __str__(self) -> str:
        return self.in_language()

    def __bool__(self) -> bool:
        return any(self.values())


def text_direction(language: str) -> str:
    """The `dir` of text in a language: Hebrew is written right to left."""
    return "rtl" if language == "he" else "ltr"


def localized(value: Any) -> LocalizedText:
    """Accept a plain string (stored as English), a dict, or a LocalizedText."""
    if isinstance(value, LocalizedText):
        return value
    if value is None or value == "":
        return LocalizedText()
    if isinstance(value, str):
        return LocalizedText({"en": value})
    if isinstance(value, dict):
        return LocalizedText(
            {normalise_language(k): str(v).strip() for k, v in value.items() if v not in (None, "")}
        )
    raise ValidationError(_("Enter text as a mapping of language to text."), code="invalid")


class I18nWidget(forms.MultiWidget):
    template_name = "common/widgets/i18n.html"

    def __init__(self, multiline: bool = False, attrs: dict | None = None) -> None:
        widget = forms.Textarea(attrs={"rows": 4}) if multiline else forms.TextInput()
        super().__init__([widget] * len(LANGUAGE_CODES), attrs)

    def decompress(self, value: Any) -> list[str]:
        text = localized(value) if value else LocalizedText()
        return [text.get(code, "") for code in LANGUAGE_CODES]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        names = dict(settings.LANGUAGES)
        for code, sub in zip(LANGUAGE_CODES, context["widget"]["subwidgets"], strict=True):
            sub["language"] = code
            sub["language_name"] = names[code]
            sub["dir"] = text_direction(code)
            sub["attrs"]["lang"] = code
            sub["attrs"]["dir"] = sub["dir"]
        return context


class I18nFormField(forms.MultiValueField):
    def __init__(
        self, *, multiline: bool = False, max_length: int | None = None, **kwargs: Any
    ) -> None:
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.setdefault("widget", I18nWidget(multiline=multiline))
        fields = [forms.CharField(required=False, max_length=max_length) for _c in LANGUAGE_CODES]
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> LocalizedText:
        if not data_list:
            return LocalizedText()
        return LocalizedText(
            {
                code: text.strip()
                for code, text in zip(LANGUAGE_CODES, data_list, strict=True)
                if text and text.strip()
            }
        )

    def validate(self, value: LocalizedText) -> None:
        if self.required and not value:
            raise ValidationError(_("Enter this in at least one language."), code="required")


class LocalizedAttribute(DeferredAttribute):
    """Whatever is assigned (str, dict, None), the attribute holds a LocalizedText.

    A data descriptor (it has __set__), so it sees every assignment, including Django's own
    when it builds an instance from a database row.
    """

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = localized(value)


class I18nField(models.JSONField):
    """A model field holding {"zh-hans": ..., "en": ..., "he": ...}; reads as LocalizedText."""

    descriptor_class = LocalizedAttribute

    def __init__(
        self, *args: Any, multiline: bool = False, max_length: int | None = None, **kwargs: Any
    ) -> None:
        self.multiline = multiline
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        if self.text_max_length:
            kwargs["max_length"] = self.text_max_length
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        value = super().from_db_value(value, expression, connection)
        return LocalizedText(value) if isinstance(value, dict) else value

    def to_python(self, value: Any) -> LocalizedText:
        return localized(value)

    def get_prep_value(self, value: Any) -> Any:
        # Only whole values are converted; a string here is the right-hand side of a key lookup.
        if isinstance(value, LocalizedText):
            value = dict(value)
        return super().get_prep_value(value)

    def validate(self, value: Any, model_instance: Any) -> None:
        value = localized(value)
        if not self.blank and not value:
            raise ValidationError(_("Enter this in at least one language."), code="required")
        if self.text_max_length:
            for code, text in value.items():
                if len(text) > self.text_max_length:
                    raise ValidationError(
                        _("The %(language)s text is longer than %(limit)d characters."),
                        code="max_length",
                        params={"language": code, "limit": self.text_max_length},
                    )

    def formfield(self, **kwargs: Any) -> forms.Field:
        defaults: dict[str, Any] = {
            "form_class": I18nFormField,
            "multiline": self.multiline,
            "max_length": self.text_max_length,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("encoder", "decoder"):
            defaults.pop(key, None)
        return form_class(
            label=defaults.pop("label", self.verbose_name),
            help_text=defaults.pop("help_text", self.help_text),
            **{
                k: v
                for k, v in defaults.items()
                if k in {"multiline", "max_length", "required", "widget", "initial"}
            },
        )

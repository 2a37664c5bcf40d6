"""Text stored in three languages falls back sensibly and round-trips through the database."""

import pytest
from django.utils import translation

from innohub.common.i18n import I18nFormField, LocalizedText, localized


def test_it_shows_the_active_language_when_present():
    text = LocalizedText({"en": "Hub", "zh-hans": "创新园", "he": "מרכז"})
    with translation.override("zh-hans"):
        assert str(text) == "创新园"
    with translation.override("he"):
        assert str(text) == "מרכז"


def test_it_falls_back_to_english_then_chinese_and_says_which():
    assert LocalizedText({"en": "Hub", "zh-hans": "创新园"}).resolve("he") == ("Hub", "en")
    assert LocalizedText({"zh-hans": "创新园"}).resolve("he") == ("创新园", "zh-hans")
    assert LocalizedText({}).resolve("he") == ("", None)


def test_plain_strings_are_stored_as_english():
    assert localized("Hello") == {"en": "Hello"}
    assert localized({"zh_Hans": " 你好 ", "he": ""}) == {"zh-hans": "你好"}


def test_the_form_field_needs_one_language_when_required():
    field = I18nFormField(required=True)
    assert field.clean(["", "Alpha", ""]) == {"en": "Alpha"}
    with pytest.raises(Exception, match="at least one language"):
        field.clean(["", " ", ""])


@pytest.mark.django_db
def test_it_round_trips_through_the_database():
    from innohub.common.testing import make_org
    from innohub.directory.models import Organisation

    org = make_org({"en": "Alpha", "he": "אלפא"})
    loaded = Organisation.objects.get(pk=org.pk)
    assert isinstance(loaded.name, LocalizedText)
    assert loaded.name == {"en": "Alpha", "he": "אלפא"}
    assert Organisation.objects.filter(name__he="אלפא").get() == org

from django import forms
from django.utils.translation import gettext_lazy as _

from innohub.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "email", "language", "time_zone"]
        widgets = {
            "display_name": forms.TextInput(attrs={"class": "form-control"}),
            "email": forms.EmailInput(attrs={"class": "form-control"}),
            "language": forms.Select(attrs={"class": "form-select"}),
            "time_zone": forms.TextInput(
                attrs={"class": "form-control", "placeholder": "Asia/Jerusalem"}
            ),
        }

    def clean_time_zone(self) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        value = self.cleaned_data["time_zone"].strip()
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise forms.ValidationError(_("Unknown time zone, e.g. Asia/Shanghai.")) from exc
        return value


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

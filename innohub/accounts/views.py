"""Sign in and out, the language choice, the account page and API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from innohub.accounts import selectors, services
from innohub.accounts.access import require, user_is_staff_anywhere
from innohub.accounts.forms import ProfileForm, TokenForm
from innohub.accounts.invitations import invitation_token
from innohub.accounts.models import ApiToken, AuditEntry


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        from django.conf import settings

        user = form.get_user()
        if not self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) and user.language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            )
        return response


logout = auth_views.LogoutView.as_view()


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, also remembered on the signed-in user's account."""
    language = request.POST.get("language", "")
    from django.conf import settings

    if language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return django_set_language(request)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your account has been saved."))
        response = redirect("accounts:profile")
        from django.conf import settings

        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            form.cleaned_data["language"],
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    roles = request.user.roles.select_related("hub", "organisation")
    return render(request, "accounts/profile.html", {"form": form, "roles": roles})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    listed = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": listed, "new_key": new_key}
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:tokens")


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The invitation link: choose a password once, then sign in."""

    template_name = "accounts/welcome.html"
    token_generator = invitation_token
    reset_url_token = "choose-password"  # noqa: S105 - a URL segment, not a secret
    post_reset_login = False

    def get_form(self, form_class=None):  # type: ignore[no-untyped-def]
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
        return form

    def get_success_url(self) -> str:
        from django.urls import reverse

        return reverse("accounts:login")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Your password is set. Sign in with your user name %(username)s.")
            % {"username": form.user.username},
        )
        return response


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    require(user_is_staff_anywhere(request.user))
    entries = selectors.audit_entries_for(
        request.user,
        actor=request.GET.get("actor", "")[:150],
        action=request.GET.get("action", "")[:20],
    )
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request, "accounts/audit_log.html", {"page": page, "actions": AuditEntry.Action.choices}
    )

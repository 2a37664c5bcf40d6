"""Writes of the admissions pipeline: apply, review, ask, score, admit or decline, sponsor.

Each step is one service, run in its own transaction, that records an `ApplicationEvent`
(who, when, what was said) and moves the organisation's membership of the hub along, so the
membership history starts with the application. E-mails go out after commit, each in the
language of the person who receives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innohub.accounts.mail import mail_send, mail_send_to_users
from innohub.accounts.models import RoleKind, User
from innohub.accounts.services import member_invite
from innohub.common.i18n import LocalizedText, localized, normalise_language
from innohub.common.identifiers import (
    IdentifierError,
    validate_il_company_number,
    validate_uscc,
)
from innohub.directory import services
from innohub.directory.models import (
    MEMBER_STATES,
    Application,
    ApplicationAction,
    ApplicationEvent,
    ApplicationScore,
    ApplicationStatus,
    HubService,
    Membership,
    MembershipState,
    Organisation,
    OrganisationKind,
    Person,
    RubricCriterion,
    Sector,
    SponsorStatus,
)
from innohub.directory.rubric import DEFAULT_RUBRIC
from innohub.network.models import Hub

S = MembershipState
A = ApplicationAction
OPEN = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.INFO_REQUESTED,
)
SPONSOR_KINDS = (OrganisationKind.INCUBATOR, OrganisationKind.ACCELERATOR)


def hub_today(hub: Hub) -> date:
    """Today where the hub is: membership dates are the hub's calendar days."""
    return timezone.localdate(timezone=ZoneInfo(hub.time_zone or "Asia/Shanghai"))


STATUS_SALT = "innohub.directory.application-status"


def application_status_token(application: Application) -> str:
    """The applicant's key to the status page: the application's id, signed."""
    return signing.Signer(salt=STATUS_SALT).sign(str(application.pk))


def application_from_status_token(token: str) -> Application | None:
    try:
        pk = int(signing.Signer(salt=STATUS_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return (
        Application.objects.select_related("hub", "organisation", "sponsor").filter(pk=pk).first()
    )


def application_status_link(application: Application, site_url: str) -> str:
    path = reverse("directory:application_status", args=[application_status_token(application)])
    return site_url.rstrip("/") + path


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _staff_of(hub: Hub) -> list[User]:
    return list(
        User.objects.filter(
            roles__kind=RoleKind.HUB_STAFF, roles__hub=hub, is_active=True
        ).distinct()
    )


def _representatives_of(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            roles__kind=RoleKind.MEMBER, roles__organisation=organisation, is_active=True
        ).distinct()
    )


def _record(
    application: Application,
    action: str,
    *,
    by: Any = None,
    by_applicant: bool = False,
    by_organisation: Organisation | None = None,
    message: str = "",
    data: dict[str, Any] | None = None,
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application,
        action=action,
        by=_user_or_none(by),
        by_applicant=by_applicant,
        by_organisation=by_organisation,
        message=message,
        data=data or {},
    )


def _require_open(application: Application) -> None:
    if application.status not in OPEN:
        raise ValidationError(
            _("This application is closed (%(status)s).")
            % {"status": application.get_status_display()}
        )


def _lock(application: Application) -> Application:
    """Re-read the application under a row lock: two reviewers must not decide at once."""
    return (
        # Only the application row: PostgreSQL cannot lock the optional sponsor's side.
        Application.objects.select_for_update(of=("self",))
        .select_related("hub", "organisation", "sponsor")
        .get(pk=application.pk)
    )


def _membership(application: Application) -> Membership | None:
    return Membership.objects.filter(
        organisation_id=application.organisation_id, hub_id=application.hub_id
    ).first()


def _move_membership(
    application: Application, to_state: str, *, by: Any, note: str, allowed_from: set[str]
) -> None:
    membership = _membership(application)
    if membership is not None and membership.state in allowed_from:
        services.membership_transition(
            membership=membership,
            to_state=to_state,
            on=max(hub_today(application.hub), membership.state_since),
            by=by,
            note=note,
        )


# ---------------------------------------------------------------------------- applying


@dataclass
class ApplicationData:
    """What an applicant tells the hub (from the public form or the API)."""

    name: LocalizedText
    kind: str
    country: str
    contacts: list[dict[str, str]]
    wants: list[str] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    stage: str = ""
    founded_year: int | None = None
    headcount: int | None = None
    uscc: str = ""
    il_company_number: str = ""
    website: str = ""
    description: LocalizedText = field(default_factory=LocalizedText)
    motivation: str = ""
    sponsor: Organisation | None = None


def sponsors_for_hub(hub: Hub) -> list[Organisation]:
    """Incubators and accelerators that are members of the hub: who may sponsor an applicant."""
    return list(
        Organisation.objects.filter(
            kind__in=SPONSOR_KINDS,
            memberships__hub=hub,
            memberships__state__in=MEMBER_STATES,
        ).order_by("sort_name")
    )


def sponsors_for_hubs(hubs: Any) -> QuerySet[Organisation]:
    """Incubators and accelerators that are members of any of the hubs, in one query."""
    return (
        Organisation.objects.filter(
            kind__in=SPONSOR_KINDS,
            memberships__hub__in=hubs,
            memberships__state__in=MEMBER_STATES,
        )
        .distinct()
        .order_by("sort_name")
    )


def _check_application(hub: Hub, data: ApplicationData) -> dict[str, str]:
    errors: dict[str, Any] = {}
    if not data.name:
        errors["name"] = _("Enter the organisation's name in at least one language.")
    if data.kind not in OrganisationKind.values:
        errors["kind"] = _("Choose what kind of organisation it is.")
    unknown = [want for want in data.wants if want not in HubService.values]
    if unknown:
        errors["wants"] = _("Unknown choice: %(names)s") % {"names": ", ".join(unknown)}
    if not data.contacts or not data.contacts[0].get("name") or not data.contacts[0].get("email"):
        errors["contacts"] = _("Give at least one contact person with an e-mail address.")
    for key, validator in (
        ("uscc", validate_uscc),
        ("il_company_number", validate_il_company_number),
    ):
        value = getattr(data, key)
        if value:
            try:
                setattr(data, key, validator(value))
            except IdentifierError as exc:
                errors[key] = str(exc.message)
    if data.sponsor is not None and data.sponsor.pk not in {o.pk for o in sponsors_for_hub(hub)}:
        errors["sponsor"] = _("This organisation is not an incubator of this hub.")
    return errors


def _existing_organisation(data: ApplicationData) -> Organisation | None:
    wanted = Q(pk__in=[])
    if data.uscc:
        wanted |= Q(uscc=data.uscc)
    if data.il_company_number:
        wanted |= Q(il_company_number=data.il_company_number)
    found = list(Organisation.all_objects.filter(wanted))
    # The Chinese code decides when the two identifiers point at different organisations.
    found.sort(key=lambda org: org.uscc != data.uscc if data.uscc else False)
    return found[0] if found else None


@transaction.atomic
def application_submit(
    *, hub: Hub, data: ApplicationData, language: str, by: Any, site_url: str
) -> Application:
    """Record an application and start (or restart) the membership.

    A known identifier links the application to the existing organisation without changing
    its profile: staff see the match and decide. The applicant is sent the link to the
    status page, where they follow the review and answer questions.
    """
    errors = _check_application(hub, data)
    if errors:
        raise ValidationError(errors)
    user = _user_or_none(by)
    organisation = _existing_organisation(data)
    profile = {
        "name": dict(data.name),
        "kind": data.kind,
        "country": data.country,
        "sectors": [s.slug for s in data.sectors],
        "stage": data.stage,
        "founded_year": data.founded_year,
        "headcount": data.headcount,
        "uscc": data.uscc,
        "il_company_number": data.il_company_number,
        "website": data.website,
        "description": dict(data.description),
    }
    if organisation is None:
        organisation = services.organisation_create(
            by=user,
            name=data.name,
            kind=data.kind,
            country=data.country,
            sectors=data.sectors,
            stage=data.stage,
            founded_year=data.founded_year,
            headcount=data.headcount,
            uscc=data.uscc or None,
            il_company_number=data.il_company_number or None,
            website=data.website,
            description=data.description,
            is_public=False,
        )
    today = hub_today(hub)
    membership = Membership.objects.filter(organisation=organisation, hub=hub).first()
    if membership is None:
        services.membership_start(
            organisation=organisation,
            hub=hub,
            state=S.APPLICANT,
            on=today,
            by=user,
            note=_("Application received."),
        )
    elif membership.state in (S.LEFT, S.DECLINED):
        services.membership_transition(
            membership=membership,
            to_state=S.APPLICANT,
            on=max(today, membership.state_since),
            by=user,
            note=_("Application received."),
        )
    sponsor_status = SponsorStatus.NONE
    if data.sponsor is not None:
        confirmed = (
            user is not None
            and user.roles.filter(kind=RoleKind.MEMBER, organisation=data.sponsor).exists()
        )
        sponsor_status = SponsorStatus.CONFIRMED if confirmed else SponsorStatus.REQUESTED
    application = Application.objects.create(
        hub=hub,
        organisation=organisation,
        wants=[w for w in HubService.values if w in data.wants],
        motivation=data.motivation,
        submitted=profile,
        contacts=[
            {
                k: (contact.get(k) or "").strip()
                for k in ("name", "title", "email", "phone", "wechat")
            }
            for contact in data.contacts
            if contact.get("name")
        ],
        sponsor=data.sponsor,
        sponsor_status=sponsor_status,
        language=normalise_language(language),
        submitted_by=user,
    )
    _record(application, A.SUBMITTED, by=user, by_applicant=user is None)
    if sponsor_status == SponsorStatus.CONFIRMED:
        _record(application, A.SPONSOR_CONFIRMED, by=user, by_organisation=data.sponsor)
    context = {
        "application": application,
        "hub": hub,
        "link": application_status_link(application, site_url),
    }
    mail_send(
        to=[application.contact_email],
        template="directory/email/application_received",
        language=application.language,
        context=context,
    )
    staff_context = context | {
        "link": site_url.rstrip("/") + application.get_absolute_url(),
    }
    mail_send_to_users(
        users=_staff_of(hub), template="directory/email/application_new", context=staff_context
    )
    if sponsor_status == SponsorStatus.REQUESTED:
        mail_send_to_users(
            users=_representatives_of(data.sponsor),  # type: ignore[arg-type]
            template="directory/email/sponsor_requested",
            context=context
            | {"link": site_url.rstrip("/") + reverse("directory:sponsored_applications")},
        )
    return application


# ---------------------------------------------------------------------------- reviewing


@transaction.atomic
def application_start_review(*, application: Application, by: Any) -> Application:
    application = _lock(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("The review of this application has already started."))
    application.status = ApplicationStatus.UNDER_REVIEW
    application.save(update_fields=["status", "updated_at"])
    _move_membership(
        application, S.UNDER_REVIEW, by=by, note=_("Review started."), allowed_from={S.APPLICANT}
    )
    _record(application, A.REVIEW_STARTED, by=by)
    return application


@transaction.atomic
def application_request_info(
    *, application: Application, by: Any, message: str, site_url: str
) -> Application:
    """Ask the applicant a question; they answer on their status page (the link they got)."""
    application = _lock(application)
    _require_open(application)
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write what you would like to know.")})
    application.status = ApplicationStatus.INFO_REQUESTED
    application.save(update_fields=["status", "updated_at"])
    _move_membership(
        application, S.UNDER_REVIEW, by=by, note=_("Review started."), allowed_from={S.APPLICANT}
    )
    _record(application, A.INFO_REQUESTED, by=by, message=message)
    mail_send(
        to=[application.contact_email],
        template="directory/email/info_requested",
        language=application.language,
        context={
            "application": application,
            "hub": application.hub,
            "message": message,
            "link": application_status_link(application, site_url),
        },
        reply_to=[by.email] if getattr(by, "email", "") else [],
    )
    return application


@transaction.atomic
def application_reply(*, application: Application, message: str, site_url: str) -> Application:
    """The applicant's answer (from the status page); the review goes on."""
    application = _lock(application)
    _require_open(application)
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write your answer.")})
    if application.status == ApplicationStatus.INFO_REQUESTED:
        application.status = ApplicationStatus.UNDER_REVIEW
        application.save(update_fields=["status", "updated_at"])
    _record(application, A.INFO_PROVIDED, by_applicant=True, message=message)
    mail_send_to_users(
        users=_staff_of(application.hub),
        template="directory/email/info_provided",
        context={
            "application": application,
            "hub": application.hub,
            "message": message,
            "link": site_url.rstrip("/") + application.get_absolute_url(),
        },
    )
    return application


@transaction.atomic
def application_note(*, application: Application, by: Any, message: str) -> ApplicationEvent:
    """An internal note of the reviewers; the applicant never sees it."""
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write the note.")})
    return _record(application, A.NOTE, by=by, message=message)


def rubric_ensure_default() -> None:
    """Create the default rubric when it is missing (idempotent)."""
    for position, row in enumerate(DEFAULT_RUBRIC, start=1):
        RubricCriterion.objects.get_or_create(
            hub=None,
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "guidance": row["guidance"],
                "weight": row["weight"],
                "position": position * 10,
            },
        )


@transaction.atomic
def application_score(
    *, application: Application, by: Any, scores: dict[int, tuple[int, str]]
) -> list[ApplicationScore]:
    """Record one reviewer's scores (criterion id → (points, comment)); scoring again replaces."""
    from innohub.directory.selectors import rubric_for_hub

    application = _lock(application)
    _require_open(application)
    criteria = {criterion.pk: criterion for criterion in rubric_for_hub(application.hub)}
    errors = {}
    for criterion_id, (points, _comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            errors[str(criterion_id)] = _("This is not a criterion of the hub's rubric.")
        elif not 0 <= points <= criterion.max_points:
            errors[criterion.slug] = _("Give between 0 and %(max)d points.") % {
                "max": criterion.max_points
            }
    if errors:
        raise ValidationError(errors)
    if not scores:
        raise ValidationError(_("Score at least one criterion."))
    saved = []
    for criterion_id, (points, comment) in scores.items():
        score, _created = ApplicationScore.objects.update_or_create(
            application=application,
            criterion_id=criterion_id,
            scorer=by,
            defaults={"points": points, "comment": comment.strip()},
        )
        saved.append(score)
    _record(
        application,
        A.SCORED,
        by=by,
        data={criteria[cid].slug: points for cid, (points, _c) in scores.items()},
    )
    return saved


@transaction.atomic
def application_sponsor_decide(
    *, application: Application, by: Any, confirm: bool, message: str = ""
) -> Application:
    """The named incubator confirms or refuses to sponsor the applicant."""
    application = _lock(application)
    _require_open(application)
    if application.sponsor_id is None:
        raise ValidationError(_("This application names no sponsoring incubator."))
    application.sponsor_status = SponsorStatus.CONFIRMED if confirm else SponsorStatus.REFUSED
    application.save(update_fields=["sponsor_status", "updated_at"])
    _record(
        application,
        A.SPONSOR_CONFIRMED if confirm else A.SPONSOR_REFUSED,
        by=by,
        by_organisation=application.sponsor,
        message=message.strip(),
    )
    return application


# ---------------------------------------------------------------------------- deciding


def _create_contacts(application: Application) -> list[Person]:
    organisation = application.organisation
    known = {
        email.lower()
        for email in Person.objects.filter(organisation=organisation).values_list(
            "email", flat=True
        )
        if email
    }
    has_primary = Person.objects.filter(organisation=organisation, is_primary_contact=True).exists()
    created = []
    for contact in application.contacts:
        email = (contact.get("email") or "").strip()
        if email and email.lower() in known:
            continue
        person = Person.objects.create(
            organisation=organisation,
            name=localized({normalise_language(application.language): contact["name"]}),
            title=localized({normalise_language(application.language): contact.get("title", "")}),
            email=email,
            phone=contact.get("phone", "")[:40],
            wechat=contact.get("wechat", "")[:60],
            country=organisation.country if organisation.country in ("CN", "IL") else "",
            is_public=False,
            is_primary_contact=not has_primary and not created,
        )
        known.add(email.lower())
        created.append(person)
    return created


@transaction.atomic
def application_admit(
    *,
    application: Application,
    by: Any,
    reason: str = "",
    list_publicly: bool = True,
    invite: bool = True,
    site_url: str,
) -> Application:
    """Admit: the membership becomes 'admitted', contacts become people, a member is invited."""
    application = _lock(application)
    _require_open(application)
    membership = _membership(application)
    if membership is not None and membership.state in MEMBER_STATES:
        raise ValidationError(
            _("This organisation is already a member of the hub (%(state)s).")
            % {"state": membership.get_state_display()}
        )
    note = reason.strip() or _("Admitted.")
    if membership is None:
        services.membership_start(
            organisation=application.organisation,
            hub=application.hub,
            state=S.ADMITTED,
            on=hub_today(application.hub),
            by=by,
            note=note,
        )
    else:
        if membership.state not in (S.APPLICANT, S.UNDER_REVIEW):
            services.membership_transition(
                membership=membership,
                to_state=S.APPLICANT,
                on=max(hub_today(application.hub), membership.state_since),
                by=by,
            )
            membership.refresh_from_db()
        services.membership_transition(
            membership=membership,
            to_state=S.ADMITTED,
            on=max(hub_today(application.hub), membership.state_since),
            by=by,
            note=note,
        )
    organisation = Organisation.all_objects.get(pk=application.organisation_id)
    changed = []
    if organisation.deleted_at is not None:
        organisation.deleted_at = None
        changed.append("deleted_at")
    if organisation.is_public != list_publicly:
        organisation.is_public = list_publicly
        changed.append("is_public")
    if application.sponsor_status == SponsorStatus.CONFIRMED and application.sponsor_id:
        organisation.sponsor_id = application.sponsor_id
        changed.append("sponsor")
    if changed:
        organisation._change_reason = "admitted"  # type: ignore[attr-defined]
        organisation.save(update_fields=changed)
    people = _create_contacts(application)
    application.status = ApplicationStatus.ADMITTED
    application.decided_at = timezone.now()
    application.decided_by = _user_or_none(by)
    application.decision_reason = reason.strip()
    _record(application, A.ADMITTED, by=by, message=reason.strip())
    if invite and application.contact_email:
        user = _invite(application, organisation, by=by, site_url=site_url)
        application.member_user = user
        first = next((p for p in people if p.email.lower() == user.email.lower()), None)
        if first is not None and not Person.objects.filter(user=user).exists():
            Person.objects.filter(pk=first.pk).update(user=user)
    application.save()
    mail_send(
        to=[application.contact_email],
        template="directory/email/admitted",
        language=application.language,
        context={
            "application": application,
            "hub": application.hub,
            "reason": reason.strip(),
            "invited": invite,
            "link": site_url.rstrip("/") + organisation.get_absolute_url(),
        },
    )
    return application


@transaction.atomic
def application_decline(
    *, application: Application, by: Any, reason: str, site_url: str = ""
) -> Application:
    """Decline with a reason, which the applicant is told."""
    application = _lock(application)
    _require_open(application)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the applicant a reason.")})
    _move_membership(
        application,
        S.DECLINED,
        by=by,
        note=reason,
        allowed_from={S.APPLICANT, S.UNDER_REVIEW},
    )
    application.status = ApplicationStatus.DECLINED
    application.decided_at = timezone.now()
    application.decided_by = _user_or_none(by)
    application.decision_reason = reason
    application.save()
    _record(application, A.DECLINED, by=by, message=reason)
    mail_send(
        to=[application.contact_email],
        template="directory/email/declined",
        language=application.language,
        context={
            "application": application,
            "hub": application.hub,
            "reason": reason,
            "link": application_status_link(application, site_url) if site_url else "",
        },
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, message: str = "") -> Application:
    """The applicant withdraws (from the status page)."""
    application = _lock(application)
    _require_open(application)
    _move_membership(
        application,
        S.LEFT,
        by=None,
        note=_("The applicant withdrew the application."),
        allowed_from={S.APPLICANT, S.UNDER_REVIEW},
    )
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    _record(application, A.WITHDRAWN, by_applicant=True, message=message.strip())
    return application


@transaction.atomic
def application_invite_again(*, application: Application, by: Any, site_url: str) -> User:
    """Send the member invitation again (e.g. the first link expired)."""
    if application.status != ApplicationStatus.ADMITTED or not application.contact_email:
        raise ValidationError(_("Only an admitted application with a contact can be invited."))
    user = _invite(application, application.organisation, by=by, site_url=site_url)
    Application.objects.filter(pk=application.pk).update(member_user=user)
    return user


def _invite(
    application: Application, organisation: Organisation, *, by: Any, site_url: str
) -> User:
    """Invite the first contact to a member account (in their language) and record it."""
    user, created = member_invite(
        email=application.contact_email,
        display_name=application.contact_name,
        language=application.language,
        organisation=organisation,
        by=by,
        site_url=site_url,
    )
    _record(application, A.INVITED, by=by, data={"username": user.username, "new_account": created})
    return user

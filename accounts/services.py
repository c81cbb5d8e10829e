"""Write-side operations on organisations, memberships and accounts.

Views, the admin and management commands call these; none of them changes the models directly.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import selectors, tasks
from accounts.models import Membership, Organisation, OrganisationKind, Profile
from content.models import Municipality, Region
from content.site_structure import CURATOR_GROUP_NAME

# Curators manage organisations and memberships in the Wagtail admin.
CURATOR_MODEL_PERMISSIONS = {
    "organisation": ("add", "change", "delete", "view"),
    "membership": ("add", "change", "delete", "view"),
}


@dataclass
class SyncResult:
    created: int = 0
    renamed: int = 0


def _sync_one(*, kind: str, name: str, lookup: dict, result: SyncResult, **fields) -> None:
    organisation = Organisation.objects.filter(kind=kind, **lookup).first()
    if organisation is None:
        Organisation.objects.create(kind=kind, name=name, **lookup, **fields)
        result.created += 1
    elif organisation.name != name:
        organisation.name = name
        organisation.save(update_fields=["name"])
        result.renamed += 1


@transaction.atomic
def sync_reference_organisations() -> SyncResult:
    """One organisation per region and per municipality in the reference data.

    Idempotent: existing organisations keep everything staff added (website,
    organisationsnummer, members); only a changed official name is brought up to date.
    """
    result = SyncResult()
    for region in Region.objects.order_by("code"):
        _sync_one(
            kind=OrganisationKind.REGION,
            name=region.name,
            lookup={"region": region},
            result=result,
        )
    for municipality in Municipality.objects.select_related("region").order_by("code"):
        _sync_one(
            kind=OrganisationKind.MUNICIPALITY,
            name=_municipality_organisation_name(municipality),
            lookup={"municipality": municipality},
            result=result,
            region=municipality.region,
        )
    _grant_curator_permissions()
    return result


def _municipality_organisation_name(municipality: Municipality) -> str:
    # "Sundsvall" is the place, "Sundsvalls kommun" the organisation. Swedish adds no
    # genitive s after s, x, z or a vowel ("Borås kommun", "Umeå kommun", "Mora kommun");
    # Falun is the one irregular form.
    name = municipality.name
    if name in IRREGULAR_MUNICIPALITY_NAMES:
        return IRREGULAR_MUNICIPALITY_NAMES[name]
    if name.lower().endswith(tuple("sxzaeiouyåäö")):
        return f"{name} kommun"
    return f"{name}s kommun"


IRREGULAR_MUNICIPALITY_NAMES = {"Falun": "Falu kommun"}


def _grant_curator_permissions() -> None:
    curators = Group.objects.filter(name=CURATOR_GROUP_NAME).first()
    if curators is None:
        return
    codenames = [
        f"{action}_{model}"
        for model, actions in CURATOR_MODEL_PERMISSIONS.items()
        for action in actions
    ]
    curators.permissions.add(
        *Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
    )


def ensure_profile(*, user: AbstractBaseUser) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def update_profile(
    *, user: AbstractBaseUser, first_name: str, last_name: str, title: str
) -> Profile:
    profile = ensure_profile(user=user)
    user.first_name = first_name
    user.last_name = last_name
    user.save(update_fields=["first_name", "last_name"])
    profile.title = title
    profile.save(update_fields=["title"])
    return profile


ALREADY_MEMBER = "Du är redan medlem i {organisation}."
ALREADY_REQUESTED = "Du har redan ansökt om medlemskap i {organisation}. Ansökan väntar på beslut."


def request_membership(
    *,
    user: AbstractBaseUser,
    organisation: Organisation,
    role: str = Membership.Role.MEMBER,
) -> Membership:
    """Ask to join; raises ValidationError (in Swedish) when the user already is or asked."""
    if not organisation.is_approved:
        raise ValidationError(
            f"{organisation.name} är inte godkänd ännu och tar inte emot medlemmar."
        )
    existing = selectors.membership_of(user=user, organisation=organisation)
    if existing is not None:
        template = (
            ALREADY_MEMBER if existing.status == Membership.Status.APPROVED else ALREADY_REQUESTED
        )
        raise ValidationError(template.format(organisation=organisation.name))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    except IntegrityError as error:
        # Two requests at once: the database constraint is the final word.
        raise ValidationError(ALREADY_REQUESTED.format(organisation=organisation.name)) from error
    _queue(tasks.notify_membership_request, membership_id=membership.pk)
    return membership


def _queue(queued_task, **kwargs) -> None:
    """Enqueue ``queued_task`` once the change is committed; the worker picks the recipients."""

    def enqueue() -> None:
        queued_task.enqueue(**kwargs)

    # robust: the request is saved; failing to queue its notice is logged, not raised.
    transaction.on_commit(enqueue, robust=True)


@transaction.atomic
def decide_membership(
    *,
    membership: Membership,
    decided_by: AbstractBaseUser,
    approve: bool,
    as_admin: bool = False,
) -> Membership:
    """Approve or decline a pending request and tell the person who asked, by e-mail.

    ``as_admin`` approves the first member of an organisation without administrators as its
    administrator, in the same step.
    """
    membership = (
        Membership.objects.select_for_update()
        .select_related("user", "organisation")
        .get(pk=membership.pk)
    )
    if not selectors.can_decide_membership(user=decided_by, membership=membership):
        raise PermissionDenied(
            "Du kan inte besluta om medlemskap i "
            f"{membership.organisation.name}: det kan bara organisationens administratörer "
            "och Tillväxtverkets personal."
        )
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(
            f"Ansökan är redan beslutad ({membership.get_status_display().lower()})."
        )
    if as_admin and approve:
        _require_no_admin(membership.organisation)
        membership.role = Membership.Role.ADMIN
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.DECLINED
    membership.decided_by = decided_by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["role", "status", "decided_by", "decided_at"])
    # robust: the decision is saved; mail trouble is logged, never shown as an error.
    transaction.on_commit(lambda: _notify_decision(membership), robust=True)
    return membership


def _require_no_admin(organisation: Organisation) -> None:
    if selectors.has_admin(organisation=organisation):
        raise ValidationError(
            f"{organisation.name} har redan en administratör. Administratören utser fler."
        )


@transaction.atomic
def make_administrator(*, membership: Membership, decided_by: AbstractBaseUser) -> Membership:
    """Staff make an approved member the administrator of an organisation that has none."""
    membership = (
        Membership.objects.select_for_update().select_related("organisation").get(pk=membership.pk)
    )
    if not selectors.can_decide_membership(user=decided_by, membership=membership):
        raise PermissionDenied(
            f"Du kan inte utse administratörer för {membership.organisation.name}."
        )
    if membership.status != Membership.Status.APPROVED:
        raise ValidationError("Bara en godkänd medlem kan bli administratör.")
    _require_no_admin(membership.organisation)
    membership.role = Membership.Role.ADMIN
    membership.save(update_fields=["role"])
    return membership


def propose_organisation(*, user: AbstractBaseUser, organisation: Organisation) -> Membership:
    """A user suggests a new organisation: it waits for staff, with the user as its admin."""
    organisation.is_approved = False
    organisation.requested_by = user
    with transaction.atomic():
        organisation.full_clean()
        organisation.save()
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=Membership.Role.ADMIN
        )
        _queue(tasks.notify_organisation_proposed, organisation_id=organisation.pk)
        return membership


@transaction.atomic
def decide_organisation(
    *, organisation: Organisation, decided_by: AbstractBaseUser, approve: bool
) -> None:
    """Staff or the editors of its region approve a proposed organisation (its proposer becomes
    its admin) or decline it."""
    if not selectors.can_decide_organisation(user=decided_by, organisation=organisation):
        raise PermissionDenied(
            "Bara Tillväxtverkets personal och redaktörerna i organisationens region kan "
            "godkänna nya organisationer."
        )
    if organisation.is_approved:
        raise ValidationError(f"{organisation.name} är redan godkänd.")
    requests = list(selectors.pending_requests(organisation=organisation))
    if approve:
        organisation.is_approved = True
        organisation.save(update_fields=["is_approved"])
    for membership in requests:
        decide_membership(membership=membership, decided_by=decided_by, approve=approve)
    if not approve:
        # A declined proposal was never visible to anyone; the proposer has been told by
        # e-mail, and the organisation goes with its declined request.
        organisation.delete()


def delete_account(*, user: AbstractBaseUser) -> None:
    """Erase a person's data but keep the user row, so what they wrote keeps its context.

    Contributions point at the user; after this they show "Borttagen användare".
    """
    with transaction.atomic():
        profile = ensure_profile(user=user)
        profile.title = ""
        profile.deleted_at = timezone.now()
        profile.save(update_fields=["title", "deleted_at"])
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        Membership.objects.filter(user=user).delete()
        user.saved_searches.all().delete()
        user.requested_organisations.update(requested_by=None)
        user.groups.clear()
        user.user_permissions.clear()
        user.username = f"borttagen-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()


def _send(*, template: str, context: dict, recipients: list[str]) -> None:
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    context = {"base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context)
    send_mail(
        f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


def _notify_decision(membership: Membership) -> None:
    _send(
        template="accounts/email/membership_decided",
        context={"membership": membership},
        recipients=[membership.user.email],
    )


def notify_membership_request(*, membership_id: int) -> int:
    """Tell whoever decides the request (run by the worker). Returns how many were told."""
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(pk=membership_id, status=Membership.Status.PENDING)
        .first()
    )
    if membership is None:
        return 0
    organisation = membership.organisation
    has_admin = selectors.has_admin(organisation=organisation)
    recipients = list(
        selectors.request_recipients(organisation=organisation)
        .exclude(pk=membership.user_id)
        .values_list("email", flat=True)
    )
    _send(
        template="accounts/email/membership_requested",
        context={"membership": membership, "as_admin": has_admin},
        recipients=recipients,
    )
    return len(recipients)


def notify_organisation_proposed(*, organisation_id: int) -> int:
    """Tell the curators and the editors of its region about a proposed organisation."""
    organisation = (
        Organisation.objects.select_related("requested_by")
        .filter(pk=organisation_id, is_approved=False)
        .first()
    )
    if organisation is None:
        return 0
    recipients = list(
        selectors.request_recipients(organisation=organisation)
        .exclude(pk=organisation.requested_by_id)
        .values_list("email", flat=True)
    )
    _send(
        template="accounts/email/organisation_proposed",
        context={"organisation": organisation},
        recipients=recipients,
    )
    return len(recipients)

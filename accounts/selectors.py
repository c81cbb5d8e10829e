"""Read-side questions about accounts, organisations and memberships."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Membership, Organisation, OrganisationKind
from content.models import Region
from content.site_structure import CURATOR_GROUP_NAME, editor_group_name

DELETED_USER_NAME = "Borttagen användare"
EDITOR_GROUP_PREFIX = "Redaktör – "

AnyUser = AbstractBaseUser | AnonymousUser


GROUP_NAMES_ATTRIBUTE = "_portal_group_names"


def group_names(*, user: AnyUser) -> frozenset[str]:
    """The names of the user's groups, read once per user object.

    Every role question a page asks (curator? editor of which regions? may use the admin?)
    reads this one set instead of a query each; Django keeps its permission cache on the user
    object the same way. A request loads its user anew, so a change shows on the next request;
    changing ``user.groups`` through the same object forgets the set (accounts.signals).
    """
    if not user.is_authenticated:
        return frozenset()
    names = getattr(user, GROUP_NAMES_ATTRIBUTE, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, GROUP_NAMES_ATTRIBUTE, names)
    return names


def in_curator_group(*, user: AnyUser) -> bool:
    return CURATOR_GROUP_NAME in group_names(user=user)


def edited_region_names(*, user: AnyUser) -> list[str]:
    """Names of the regions whose editor group ("Redaktör – <region>") the user belongs to."""
    return [
        name.removeprefix(EDITOR_GROUP_PREFIX)
        for name in group_names(user=user)
        if name.startswith(EDITOR_GROUP_PREFIX)
    ]


def can_edit_or_moderate(*, user: AnyUser) -> bool:
    """Anyone who can edit or moderate: superusers, staff, curators, region editors."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff or in_curator_group(user=user):
        return True
    return bool(edited_region_names(user=user)) or user.has_perm("wagtailadmin.access_admin")


def mfa_is_required(*, user: AnyUser) -> bool:
    return settings.PORTAL_MFA_REQUIRED and can_edit_or_moderate(user=user)


def lacks_required_mfa(*, user: AnyUser) -> bool:
    """A privileged user without an authenticator: no privileged action until they add one."""
    return mfa_is_required(user=user) and not is_mfa_enabled(user)


def privileged_mfa_condition(*, user: AnyUser) -> Q:
    """The MFA requirement as a query condition, for rules that grant privileged access in SQL.

    Only privileged users (moderators, editors) reach such a rule, so "required" reduces to the
    setting; the condition costs no query of its own, unlike ``lacks_required_mfa``.
    """
    if not settings.PORTAL_MFA_REQUIRED:
        return Q()
    return Q(Exists(Authenticator.objects.filter(user_id=user.pk)))


def is_agency_staff(*, user: AnyUser) -> bool:
    """Tillväxtverket's curators and the superusers decide requests for every organisation."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or in_curator_group(user=user)


def administered_organisations(*, user: AnyUser) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
        memberships__status=Membership.Status.APPROVED,
    )


def administers(*, user: AnyUser, organisation: Organisation) -> bool:
    return administered_organisations(user=user).filter(pk=organisation.pk).exists()


def organisation_admins(*, organisation: Organisation) -> QuerySet[AbstractBaseUser]:
    return get_user_model().objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__role=Membership.Role.ADMIN,
        memberships__status=Membership.Status.APPROVED,
    )


def has_admin(*, organisation: Organisation) -> bool:
    return organisation_admins(organisation=organisation).exists()


def region_editors(*, region: Region) -> QuerySet[AbstractBaseUser]:
    return get_user_model().objects.filter(is_active=True, groups__name=editor_group_name(region))


def curators() -> QuerySet[AbstractBaseUser]:
    return get_user_model().objects.filter(is_active=True, groups__name=CURATOR_GROUP_NAME)


def edits_region_of(*, user: AnyUser, organisation: Organisation) -> bool:
    """The user edits the region the organisation belongs to."""
    if not user.is_authenticated or organisation.region_id is None:
        return False
    return user.groups.filter(name=editor_group_name(organisation.region)).exists()


def request_recipients(*, organisation: Organisation) -> QuerySet[AbstractBaseUser]:
    """Who decides requests for ``organisation``: its administrators, or where it has none,
    the editors of its region and the curators."""
    admins = organisation_admins(organisation=organisation)
    if admins.exists():
        return admins
    editors = (
        region_editors(region=organisation.region).values("pk")
        if organisation.region_id
        else get_user_model().objects.none().values("pk")
    )
    return get_user_model().objects.filter(Q(pk__in=editors) | Q(pk__in=curators().values("pk")))


def can_decide_membership(*, user: AnyUser, membership: Membership) -> bool:
    """Staff everywhere; the organisation's administrators; and, for an organisation without
    administrators, the editors of its region (they are the ones told about the request)."""
    organisation = membership.organisation
    if is_agency_staff(user=user) or administers(user=user, organisation=organisation):
        return True
    return edits_region_of(user=user, organisation=organisation) and not has_admin(
        organisation=organisation
    )


def can_decide_organisation(*, user: AnyUser, organisation: Organisation) -> bool:
    return is_agency_staff(user=user) or edits_region_of(user=user, organisation=organisation)


def _edited_region_names(*, user: AnyUser) -> list[str]:
    if not user.is_authenticated:
        return []
    return [
        name.removeprefix(EDITOR_GROUP_PREFIX)
        for name in user.groups.filter(name__startswith=EDITOR_GROUP_PREFIX).values_list(
            "name", flat=True
        )
    ]


def _organisation_has_admin() -> Exists:
    return Exists(
        Membership.objects.filter(
            organisation=OuterRef("organisation"),
            role=Membership.Role.ADMIN,
            status=Membership.Status.APPROVED,
        )
    )


def _decidable(memberships: QuerySet[Membership], *, user: AnyUser) -> QuerySet[Membership]:
    if is_agency_staff(user=user):
        return memberships
    if not user.is_authenticated:
        return memberships.none()
    return memberships.filter(
        Q(organisation__in=administered_organisations(user=user).values("pk"))
        | (
            Q(organisation__region__name__in=_edited_region_names(user=user))
            & ~_organisation_has_admin()
        )
    )


def decidable_requests(*, user: AnyUser) -> QuerySet[Membership]:
    """Pending requests to approved organisations that ``user`` may decide."""
    return _decidable(
        all_pending_requests().filter(organisation__is_approved=True), user=user
    ).annotate(organisation_has_admin=_organisation_has_admin())


def members_without_admin(*, user: AnyUser) -> QuerySet[Membership]:
    """Approved members of organisations with no administrator, that ``user`` may promote."""
    return (
        _decidable(
            Membership.objects.filter(
                status=Membership.Status.APPROVED, organisation__is_approved=True
            ).filter(~_organisation_has_admin()),
            user=user,
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "decided_at")
    )


def decidable_organisations(*, user: AnyUser) -> QuerySet[Organisation]:
    if is_agency_staff(user=user):
        return pending_organisations()
    return pending_organisations().filter(region__name__in=_edited_region_names(user=user))


def may_decide_requests(*, user: AnyUser) -> bool:
    """Shows the queue in the admin menu: staff, region editors and organisation admins."""
    return (
        is_agency_staff(user=user)
        or bool(_edited_region_names(user=user))
        or administered_organisations(user=user).exists()
    )


def pending_count(*, user: AnyUser) -> int:
    return decidable_requests(user=user).count() + decidable_organisations(user=user).count()


def pending_requests(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, status=Membership.Status.PENDING)
        .select_related("user", "user__profile")
        .order_by("requested_at")
    )


def all_pending_requests() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(status=Membership.Status.PENDING)
        .select_related("user", "organisation")
        .order_by("requested_at")
    )


def pending_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_approved=False).select_related("requested_by")


def memberships_of(*, user: AnyUser) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "-requested_at")
    )


def membership_of(*, user: AnyUser, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(
            user=user,
            organisation=organisation,
            status__in=[Membership.Status.PENDING, Membership.Status.APPROVED],
        )
        .order_by("-requested_at")
        .first()
    )


def search_organisations(
    *, query: str = "", kind: str = "", region_code: str = ""
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.filter(is_approved=True).select_related(
        "region", "municipality"
    )
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query)
            | Q(organisation_number__icontains=query)
            | Q(municipality__name__icontains=query)
        )
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    if region_code:
        organisations = organisations.filter(
            Q(region__code=region_code) | Q(municipality__region__code=region_code)
        )
    return organisations


def is_deleted(*, user: AnyUser) -> bool:
    profile = getattr(user, "profile", None)
    return profile is not None and profile.deleted_at is not None


def public_name(*, user: AnyUser | None) -> str:
    """The name shown next to what a person wrote; never their e-mail address."""
    if user is None or is_deleted(user=user):
        return DELETED_USER_NAME
    return user.get_full_name() or "Namnlös användare"


def account_display_name(user: AbstractBaseUser) -> str:
    """How allauth names the person in its messages and e-mails (ACCOUNT_USER_DISPLAY)."""
    return user.get_full_name() or user.email


def user_data_export(*, user: AbstractBaseUser) -> dict:
    """Everything the portal stores about one person, for the JSON download."""
    profile = getattr(user, "profile", None)
    return {
        "konto": {
            "användarnamn": user.username,
            "e-post": user.email,
            "förnamn": user.first_name,
            "efternamn": user.last_name,
            "titel": profile.title if profile else "",
            "skapat": user.date_joined.isoformat(),
            "senast_inloggad": user.last_login.isoformat() if user.last_login else None,
        },
        "e-postadresser": [
            {"adress": address.email, "verifierad": address.verified, "primär": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "tvåstegsverifiering": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "grupper": sorted(user.groups.values_list("name", flat=True)),
        "medlemskap": [
            {
                "organisation": membership.organisation.name,
                "roll": membership.get_role_display(),
                "status": membership.get_status_display(),
                "begärt": membership.requested_at.isoformat(),
                "beslutat": membership.decided_at.isoformat() if membership.decided_at else None,
            }
            for membership in memberships_of(user=user)
        ],
        "föreslagna_organisationer": list(
            user.requested_organisations.order_by("name").values_list("name", flat=True)
        ),
        # Saved searches ("Bevaka sökningen") reach the user through the reverse relation,
        # so accounts does not import the search app.
        "bevakningar": [
            {
                "sökning": saved.query_string,
                "frekvens": saved.get_frequency_display(),
                "skapad": saved.created_at.isoformat(),
            }
            for saved in user.saved_searches.all()
        ],
    }

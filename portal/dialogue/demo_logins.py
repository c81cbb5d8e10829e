"""Demo logins for ``make run``: one user per role, all with the same printed password.

A newcomer tries the portal as a region editor, a curator, a municipality member and an
education provider's member without reading any code. The users join the organisations that
already take part in the demo dialogue of one region, so each lands on threads it can write in.
Never for production: the command ``ensure_demo_logins`` refuses to run there.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from accounts.models import Membership, Organisation, OrganisationKind
from accounts.services import ensure_profile
from content.models import Region, RegionPage
from content.site_structure import CURATOR_GROUP_NAME, editor_group_name
from portal.dialogue.models import Thread

# Deliberately fixed and printed: these accounts exist only in a local demo database.
DEMO_PASSWORD = "prova-portalen-2026"
DEMO_LOGIN_DOMAIN = "demo.kompetensportalen.se"
# Västernorrland's demo also holds a thread for invited organisations only.
DEMO_REGION_CODE = "22"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    organisation: str
    start_url: str


def _demo_user(*, local_part: str, first_name: str, last_name: str):
    email = f"{local_part}@{DEMO_LOGIN_DOMAIN}"
    user, _ = get_user_model().objects.update_or_create(
        username=f"demo-{local_part}",
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    ensure_profile(user=user)
    return user


def _organisation_in_dialogue(*, region: Region, kind: str) -> Organisation | None:
    """The organisation of ``kind`` taking part in most public threads of the region."""
    in_threads = (
        Organisation.objects.filter(
            kind=kind,
            dialogue_threads__need__region=region,
            dialogue_threads__visibility=Thread.Visibility.PUBLIC,
        )
        .annotate(threads=Count("dialogue_threads"))
        .order_by("-threads", "name")
        .first()
    )
    if in_threads is not None:
        return in_threads
    return Organisation.objects.filter(kind=kind, region=region).order_by("name").first()


def _member_of(user, organisation: Organisation) -> None:
    Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"status": Membership.Status.APPROVED}
    )


def _member_start_url(organisation: Organisation) -> str:
    thread = (
        Thread.objects.filter(participants=organisation, visibility=Thread.Visibility.PUBLIC)
        .order_by("pk")
        .first()
    )
    return thread.get_url() if thread else reverse("dialogue:list")


@transaction.atomic
def ensure_demo_logins() -> list[DemoLogin]:
    """Create or update the four demo users; returns what to print. Idempotent."""
    region = Region.objects.get(code=DEMO_REGION_CODE)
    logins = []

    editor = _demo_user(local_part="redaktor", first_name="Rebecka", last_name="Redaktör")
    editor.groups.add(Group.objects.get(name=editor_group_name(region)))
    region_page = RegionPage.objects.get(region=region)
    logins.append(
        DemoLogin(
            role="Regionredaktör",
            email=editor.email,
            organisation=region.name,
            start_url=reverse("wagtailadmin_explore", args=[region_page.pk]),
        )
    )

    curator = _demo_user(local_part="kurator", first_name="Kim", last_name="Kurator")
    curator.groups.add(Group.objects.get(name=CURATOR_GROUP_NAME))
    logins.append(
        DemoLogin(
            role="Kurator",
            email=curator.email,
            organisation="Tillväxtverket",
            start_url=reverse("wagtailadmin_home"),
        )
    )

    members = (
        ("kommun", "Kommunmedlem", OrganisationKind.MUNICIPALITY, "Maja", "Kommunsson"),
        (
            "utbildning",
            "Medlem hos utbildningsanordnare",
            OrganisationKind.EDUCATION_PROVIDER,
            "Ulf",
            "Utbildare",
        ),
    )
    for local_part, role, kind, first_name, last_name in members:
        organisation = _organisation_in_dialogue(region=region, kind=kind)
        if organisation is None:
            continue
        user = _demo_user(local_part=local_part, first_name=first_name, last_name=last_name)
        _member_of(user, organisation)
        logins.append(
            DemoLogin(
                role=role,
                email=user.email,
                organisation=organisation.name,
                start_url=_member_start_url(organisation),
            )
        )
    return logins

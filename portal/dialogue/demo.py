"""Demo dialogue for ``make run``: threads, contributions, endorsements and actions.

For each region the first demo need gets a public thread in which the region asks, a
municipality gives input, an education provider proposes an action that the municipality
endorses and the region accepts (its need status follows), and the municipality commits. The
second need gets an open question. One region's third need has a thread "endast inbjudna".
Re-running creates nothing twice: every demo thread is found again by its title and need.
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import EducationProviderKind, Membership, Organisation, OrganisationKind
from content.models import CompetenceNeedPage, Region
from content.site_structure import editor_group_name
from portal.dialogue import services
from portal.dialogue.models import Action, ContributionKind, Thread

DEMO_EMAIL_DOMAIN = "demo.kompetensportalen.se"
DEMO_NAMESPACE = uuid.UUID("6f1d4a2e-7c3b-4d8e-9a51-2b7e0c4f8d19")


def _user(username: str, first: str, last: str):
    from allauth.account.models import EmailAddress

    from accounts.services import ensure_profile

    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@{DEMO_EMAIL_DOMAIN}",
            "first_name": first,
            "last_name": last,
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        ensure_profile(user=user)
    return user


def _member(user, organisation: Organisation) -> None:
    Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={"status": Membership.Status.APPROVED},
    )


def _education_provider(region: Region) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=f"Yrkeshögskolan i {region.county_name}",
        kind=OrganisationKind.EDUCATION_PROVIDER,
        defaults={"education_kind": EducationProviderKind.HIGHER_VOCATIONAL, "region": region},
    )
    return organisation


def _key(*parts: str) -> uuid.UUID:
    # The same demo post gets the same submission key on every run, so posting it again
    # finds the first one (the double-submit guard doubles as idempotency here).
    return uuid.uuid5(DEMO_NAMESPACE, "/".join(parts))


def _post(thread, user, organisation, kind, body, key, parent=None, **extra):
    contribution, _ = services.post_contribution(
        user=user,
        thread=thread,
        organisation=organisation,
        kind=kind,
        body=body,
        submission_key=key,
        parent=parent,
        **extra,
    )
    return contribution


@transaction.atomic
def load_demo_dialogue() -> int:
    """Create what is missing; returns how many threads were new."""
    created = 0
    for region in Region.objects.order_by("code"):
        needs = list(CompetenceNeedPage.objects.live().filter(region=region).order_by("title"))
        municipality = (
            Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, region=region)
            .order_by("name")
            .first()
        )
        region_organisation = Organisation.objects.filter(
            kind=OrganisationKind.REGION, region=region
        ).first()
        if not needs or municipality is None or region_organisation is None:
            continue
        provider = _education_provider(region)
        editor = _user(f"demo-redaktor-{region.code}", "Regionens", "redaktör")
        editor.groups.add(Group.objects.get(name=editor_group_name(region)))
        municipal_user = _user(f"demo-kommun-{region.code}", "Kommunens", "samordnare")
        _member(municipal_user, municipality)
        teacher = _user(f"demo-utbildning-{region.code}", "Utbildningens", "rektor")
        _member(teacher, provider)
        before = Thread.objects.filter(need__region=region).count()
        _region_demo(
            region,
            needs,
            editor=editor,
            region_org=region_organisation,
            municipal_user=municipal_user,
            municipality=municipality,
            teacher=teacher,
            provider=provider,
        )
        created += Thread.objects.filter(need__region=region).count() - before
    return created


def _thread(need, user, organisation, title, purpose, visibility, invited=()):
    existing = Thread.objects.filter(need=need, title=title).first()
    if existing:
        return existing
    return services.start_thread(
        user=user,
        need=need,
        organisation=organisation,
        title=title,
        purpose=purpose,
        visibility=visibility,
        invited=invited,
    )


def _region_demo(
    region, needs, *, editor, region_org, municipal_user, municipality, teacher, provider
):
    code = region.code
    need = needs[0]
    thread = _thread(
        need,
        editor,
        region_org,
        f"Hur möter vi behovet i {region.county_name}?",
        "Vi vill samla kommuner, utbildningsanordnare och arbetsgivare kring **konkreta "
        "insatser** för behovet. Vad ser ni, och vad kan ni bidra med?",
        Thread.Visibility.PUBLIC,
        invited=[municipality, provider],
    )
    question = _post(
        thread,
        editor,
        region_org,
        ContributionKind.QUESTION,
        "Vilka rekryteringsproblem ser ni just nu, och hur många personer handlar det om?",
        _key(code, "fraga"),
    )
    _post(
        thread,
        municipal_user,
        municipality,
        ContributionKind.INPUT,
        f"I {municipality.name} saknar vi omkring 25 personer i år. Vår senaste "
        "kartläggning finns i regionens analys.",
        _key(code, "inspel"),
        parent=question,
    )
    proposal = _post(
        thread,
        teacher,
        provider,
        ContributionKind.PROPOSAL,
        "Vi föreslår en **yrkesutbildning på distans** med praktik hos kommunerna, start "
        "till hösten. Se https://www.yrkeshogskolan.se för hur utbildningsformen fungerar.",
        _key(code, "forslag"),
    )
    if not proposal.endorsements.filter(organisation=municipality).exists():
        services.endorse(user=municipal_user, contribution=proposal, organisation=municipality)
    if not Action.objects.filter(proposal=proposal).exists():
        services.accept_proposal(
            user=editor,
            proposal=proposal,
            title=f"Distansutbildning med praktik i {region.county_name}",
            description="Yrkesutbildning med praktikplatser hos kommunerna.",
            responsible_organisations=[provider, municipality],
            status=Action.Status.ONGOING,
            start_date=datetime.date(2026, 8, 17),
            end_date=datetime.date(2027, 6, 11),
        )
    _post(
        thread,
        municipal_user,
        municipality,
        ContributionKind.COMMITMENT,
        "Vi tar emot praktikanter från utbildningen.",
        _key(code, "atagande"),
        commitment_what="Tio praktikplatser per termin",
        commitment_who=municipality.name,
        commitment_due=datetime.date(2026, 8, 1),
    )
    if len(needs) > 1:
        second = _thread(
            needs[1],
            municipal_user,
            municipality,
            "Vem mer ser samma behov?",
            "Vi vill jämföra erfarenheter med andra kommuner i länet.",
            Thread.Visibility.PUBLIC,
        )
        _post(
            second,
            municipal_user,
            municipality,
            ContributionKind.QUESTION,
            "Har någon annan kommun provat validering på arbetsplatsen?",
            _key(code, "fraga-2"),
        )
    if len(needs) > 2 and code == "22":
        restricted = _thread(
            needs[2],
            editor,
            region_org,
            "Planering av gemensam ansökan (endast inbjudna)",
            "Arbetsyta för de organisationer som söker medel tillsammans.",
            Thread.Visibility.INVITED,
            invited=[municipality, provider],
        )
        _post(
            restricted,
            teacher,
            provider,
            ContributionKind.STATUS_UPDATE,
            "Utkastet till ansökan är klart för genomläsning.",
            _key(code, "status"),
        )

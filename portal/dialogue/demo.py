"""Demo dialogue for ``make run``: threads, contributions, endorsements and actions.

For each region the first demo need (the field the region is known for) gets the whole chain
in a public thread: the region asks, a municipality gives input, an education provider
proposes an insats that the municipality endorses and the region accepts, and the
municipality commits; when a result page follows the need up, the insats is marked done with
that result. The second need (care) gets a public thread with a question and input; in every
other region also a proposal, which every fourth region has accepted as an ongoing insats.
The third need (schools) has no public thread; one region has one "endast inbjudna" there.
Region Västernorrland, the region of the demo editor login, also has one of everything its
editors decide on the admin home: a proposal awaiting a decision, a reported post, a pending
membership request and an analysis that a colleague sent to review (``_editor_inbox``).
The need statuses are never written here: the dialogue services move them (i dialog, insats
föreslagen, insats pågår, uppföljt), so each status agrees with its thread, proposals,
actions and results by construction.

Each step is its own short transaction (the services are atomic), and re-running creates
nothing twice: threads are found by need and title, posts by their submission key.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState

from accounts.models import EducationProviderKind, Membership, Organisation, OrganisationKind
from accounts.services import request_membership
from content.demo_data import REGIONS, THEMES
from content.models import AnalysisPage, CompetenceNeedPage, Region, ResultPage
from content.site_structure import editor_group_name
from portal.dialogue import services
from portal.dialogue.demo_logins import DEMO_REGION_CODE
from portal.dialogue.models import Action, ContributionKind, Report, Thread

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


GENERIC_QUESTION = (
    "Vilka rekryteringsproblem ser ni just nu, och hur många personer handlar det om?"
)
GENERIC_PROPOSAL = (
    "Vi föreslår en **yrkesutbildning på distans** med praktik hos kommunerna, start till hösten."
)
GENERIC_ACTION = "Yrkesutbildning på distans med praktik"


def _theme(need: CompetenceNeedPage):
    """The demo theme a demo need was written from (its external id names it), if any."""
    parts = (need.external_id or "").split("-")
    return THEMES.get(parts[3]) if len(parts) > 3 and parts[0] == "demo" else None


def _in_region(text: str, region: Region) -> str:
    """A theme's question or proposal with the region's own places filled in."""
    places = REGIONS[region.code].places
    return text.format(county=region.county_name, place1=places[0], place2=places[1])


def load_demo_dialogue() -> int:
    """Create what is missing; returns how many threads were new."""
    created = 0
    for position, region in enumerate(Region.objects.order_by("code")):
        needs = list(
            CompetenceNeedPage.objects.live().filter(region=region).order_by("external_id", "title")
        )
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
        people = Participants(
            editor=editor,
            region_org=region_organisation,
            municipal_user=municipal_user,
            municipality=municipality,
            teacher=teacher,
            provider=provider,
        )
        _whole_chain(region, needs[0], people)
        if len(needs) > 1:
            # The demo editor's region keeps a proposal waiting for their decision.
            propose = position % 2 == 0 or region.code == DEMO_REGION_CODE
            _open_dialogue(region, needs[1], people, propose=propose, accept=position % 4 == 0)
        if len(needs) > 2 and region.code == DEMO_REGION_CODE:
            _invited_only(region, needs[2], people)
        if len(needs) > 1 and region.code == DEMO_REGION_CODE:
            _editor_inbox(region, needs[1], people)
        created += Thread.objects.filter(need__region=region).count() - before
    return created


@dataclass(frozen=True)
class Participants:
    editor: object
    region_org: Organisation
    municipal_user: object
    municipality: Organisation
    teacher: object
    provider: Organisation


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


def _whole_chain(region: Region, need: CompetenceNeedPage, people: Participants) -> None:
    code = region.code
    theme = _theme(need)
    thread = _thread(
        need,
        people.editor,
        people.region_org,
        f"{need.title}: vad kan vi göra tillsammans?",
        f"Vi vill samla kommuner, utbildningsanordnare och arbetsgivare i {region.county_name} "
        "kring **konkreta insatser** för kompetensförsörjningen. Vad ser ni i "
        f"{people.municipality.name}, och vad kan ni bidra med?",
        Thread.Visibility.PUBLIC,
        invited=[people.municipality, people.provider],
    )
    question = _post(
        thread,
        people.editor,
        people.region_org,
        ContributionKind.QUESTION,
        _in_region(theme.question, region) if theme else GENERIC_QUESTION,
        _key(code, "fraga"),
    )
    _post(
        thread,
        people.municipal_user,
        people.municipality,
        ContributionKind.INPUT,
        f"I {people.municipality.name} saknar vi omkring {12 + int(code) % 20} personer i år. "
        f"Vår kartläggning finns i analysen för {region.county_name}.",
        _key(code, "inspel"),
        parent=question,
    )
    proposal = _post(
        thread,
        people.teacher,
        people.provider,
        ContributionKind.PROPOSAL,
        _in_region(theme.proposal, region) if theme else GENERIC_PROPOSAL,
        _key(code, "forslag"),
    )
    if not proposal.endorsements.filter(organisation=people.municipality).exists():
        services.endorse(
            user=people.municipal_user, contribution=proposal, organisation=people.municipality
        )
    action = Action.objects.filter(proposal=proposal).first()
    if action is None:
        action = services.accept_proposal(
            user=people.editor,
            proposal=proposal,
            title=f"{theme.action_title if theme else GENERIC_ACTION} i {region.county_name}",
            description=theme.action_followed_up if theme else GENERIC_ACTION + ".",
            responsible_organisations=[people.provider, people.municipality],
            status=Action.Status.ONGOING,
            start_date=datetime.date(2024, 8, 19),
            end_date=datetime.date(2026, 6, 12),
        )
    _post(
        thread,
        people.municipal_user,
        people.municipality,
        ContributionKind.COMMITMENT,
        "Vi tar emot praktikanter från utbildningen.",
        _key(code, "atagande"),
        commitment_what="Tio praktikplatser per termin",
        commitment_who=people.municipality.name,
        commitment_due=datetime.date(2024, 8, 1),
    )
    result = ResultPage.objects.live().filter(needs=need).order_by("pk").first()
    if result is not None and action.result_page_id is None:
        services.update_action(
            user=people.editor,
            action=action,
            status=Action.Status.DONE,
            note=f"Insatsen är genomförd och uppföljd i ”{result.title}”.",
            result_page=result,
            start_date=action.start_date,
            end_date=action.end_date,
        )


def _open_dialogue(
    region: Region, need: CompetenceNeedPage, people: Participants, *, propose: bool, accept: bool
) -> None:
    code = region.code
    theme = _theme(need)
    thread = _thread(
        need,
        people.municipal_user,
        people.municipality,
        f"Vem mer ser samma behov? {need.title}",
        "Vi vill jämföra erfarenheter med andra kommuner i länet innan vi bestämmer oss.",
        Thread.Visibility.PUBLIC,
    )
    question = _post(
        thread,
        people.municipal_user,
        people.municipality,
        ContributionKind.QUESTION,
        _in_region(theme.question, region)
        if theme
        else "Har någon annan kommun provat validering på arbetsplatsen?",
        _key(code, "fraga-2"),
    )
    _post(
        thread,
        people.editor,
        people.region_org,
        ContributionKind.INPUT,
        f"Regionens analys visar samma bild i hela {region.county_name}. Vi tar gärna emot "
        f"siffror från {people.municipality.name} till nästa uppdatering av underlaget för "
        "kompetensförsörjningen.",
        _key(code, "inspel-2"),
        parent=question,
    )
    if not propose:
        return
    proposal = _post(
        thread,
        people.teacher,
        people.provider,
        ContributionKind.PROPOSAL,
        _in_region(theme.proposal, region) if theme else GENERIC_PROPOSAL,
        _key(code, "forslag-2"),
    )
    if accept and not Action.objects.filter(proposal=proposal).exists():
        services.accept_proposal(
            user=people.editor,
            proposal=proposal,
            title=f"{theme.action_title if theme else GENERIC_ACTION} i {region.county_name}",
            description=theme.action_followed_up if theme else GENERIC_ACTION + ".",
            responsible_organisations=[people.provider],
            status=Action.Status.ONGOING,
            start_date=datetime.date(2026, 1, 12),
            end_date=datetime.date(2027, 6, 11),
        )


def _invited_only(region: Region, need: CompetenceNeedPage, people: Participants) -> None:
    restricted = _thread(
        need,
        people.editor,
        people.region_org,
        "Planering av gemensam ansökan (endast inbjudna)",
        "Arbetsyta för de organisationer som söker medel tillsammans.",
        Thread.Visibility.INVITED,
        invited=[people.municipality, people.provider],
    )
    _post(
        restricted,
        people.teacher,
        people.provider,
        ContributionKind.STATUS_UPDATE,
        "Utkastet till ansökan är klart för genomläsning.",
        _key(region.code, "status"),
    )


def _editor_inbox(region: Region, need: CompetenceNeedPage, people: Participants) -> None:
    """What the region's editors find waiting on the admin home, besides the open proposal:
    a reported post, a membership request and a colleague's analysis in review. Each is made
    once: a decided request, a handled report or a finished review is not made again."""
    thread = Thread.objects.get(need=need, title=f"Vem mer ser samma behov? {need.title}")
    misplaced = _post(
        thread,
        people.municipal_user,
        people.municipality,
        ContributionKind.INPUT,
        "Fel tråd, ursäkta: vi söker vikarier till skolorna i höst. Hör av er till oss!",
        _key(region.code, "fel-trad"),
    )
    if not Report.objects.filter(contribution=misplaced).exists():
        services.report(
            user=people.teacher,
            contribution=misplaced,
            reason=Report.Reason.OFF_TOPIC,
            text="Inlägget handlar om skolorna, inte om det här behovet.",
        )
    applicant = _user(f"demo-sokande-{region.code}", "Sara", "Sökande")
    if not Membership.objects.filter(user=applicant, organisation=people.provider).exists():
        request_membership(user=applicant, organisation=people.provider)
    _analysis_in_review(region, people.editor)


def _analysis_in_review(region: Region, submitter) -> None:
    analysis = (
        AnalysisPage.objects.live().filter(region=region).order_by("external_id", "pk").first()
    )
    if analysis is None or WorkflowState.objects.for_instance(analysis).exists():
        return
    analysis.summary = f"{analysis.summary} Uppdaterad med prognosen för 2027."[:600]
    analysis.save_revision(user=submitter)
    analysis.get_workflow().start(analysis, submitter)

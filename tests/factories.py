"""factory_boy factories shared by the suite (no JSON fixtures)."""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import Membership, Organisation, OrganisationKind, Profile
from portal.dialogue.text import render_markdown

PASSWORD = "ett-langt-testlosenord"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified primary e-mail address, as after allauth's sign-up.

    ``UserFactory(mfa=True)`` also enrols a TOTP authenticator; its secret is on
    ``user.totp_secret`` so that tests can compute codes.
    """

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        verified = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.se")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.django.Password(PASSWORD)

    email_address = factory.RelatedFactory(
        "tests.factories.EmailAddressFactory",
        factory_related_name="user",
        email=factory.SelfAttribute("..email"),
        verified=factory.SelfAttribute("..verified"),
    )
    profile = factory.RelatedFactory("tests.factories.ProfileFactory", factory_related_name="user")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))

    @factory.post_generation
    def mfa(self, create, enabled, **kwargs):
        if create and enabled:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class EmailAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailAddress

    email = factory.LazyAttribute(lambda address: address.user.email)
    verified = True
    primary = True


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    title = factory.Faker("job", locale="sv_SE")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Faker("company", locale="sv_SE")
    kind = OrganisationKind.EMPLOYER
    website = factory.Faker("url")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.APPROVED


def region_page(code: str):
    from content.models import RegionPage

    return RegionPage.objects.get(region__code=code)


class PublicationPageFactory(wagtail_factories.PageFactory):
    """Creates a published page under a region (``region="22"``) with its classifications.

    ``sectors``, ``occupations`` and ``municipalities`` take codes; links to other pages
    (``source_analyses``, ``needs_addressed``, ``needs``) take pages.
    """

    class Meta:
        abstract = True

    class Params:
        region = "22"

    title = factory.Sequence(lambda n: f"Testpublikation {n}")
    summary = factory.Faker("paragraph", nb_sentences=2, locale="sv_SE")
    published_date = factory.Faker("date_between", start_date="-2y", end_date="today")
    parent = factory.LazyAttribute(lambda page: region_page(page.region))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        links = {name: kwargs.pop(name) for name in LINK_FIELDS if name in kwargs}
        page = super()._create(model_class, *args, **kwargs)
        for name, values in links.items():
            getattr(page, name).set(resolve_codes(name, values))
        page.save_revision().publish()
        page.refresh_from_db()
        return page


LINK_FIELDS = (
    "sectors",
    "occupations",
    "municipalities",
    "source_analyses",
    "needs_addressed",
    "needs",
    "good_examples",
)


def resolve_codes(name: str, values):
    from content.models import Municipality, Occupation, Sector

    models = {"sectors": Sector, "occupations": Occupation, "municipalities": Municipality}
    if name in models:
        return list(models[name].objects.filter(code__in=values))
    return list(values)


class AnalysisPageFactory(PublicationPageFactory):
    class Meta:
        model = "content.AnalysisPage"

    kind = "analys"
    horizon = "long"


class CompetenceNeedPageFactory(PublicationPageFactory):
    class Meta:
        model = "content.CompetenceNeedPage"

    horizon = "short"
    balance = "brist"
    status = "identifierat"


def needs_in_two_regions() -> list:
    """Three needs in Stockholm (01) and Gotland (09) that differ in every filter, the last
    with two occupations, and an analysis in Stockholm that a needs listing leaves out."""
    needs = [
        CompetenceNeedPageFactory(
            region="09",
            title="Vård Gotland",
            occupations=["5321"],
            sectors=["87"],
            municipalities=["0980"],
            horizon="long",
            status="i_dialog",
            published_date="2025-03-01",
        ),
        CompetenceNeedPageFactory(
            region="01",
            title="IT Stockholm",
            occupations=["2512"],
            sectors=["J"],
            horizon="short",
            status="identifierat",
            published_date="2026-02-01",
        ),
        CompetenceNeedPageFactory(
            region="01",
            title="Vård Stockholm",
            occupations=["5322", "5321"],
            sectors=["Q"],
            horizon="short",
            status="uppfoljt",
            published_date="2024-05-01",
        ),
    ]
    AnalysisPageFactory(region="01", title="Analys Stockholm", occupations=["5321"])
    return needs


class GoodExamplePageFactory(PublicationPageFactory):
    class Meta:
        model = "content.GoodExamplePage"

    outcome = "lyckat"
    parent = factory.LazyAttribute(lambda page: good_example_index(page.region))


def good_example_index(code: str):
    from content.models import GoodExampleIndexPage

    return GoodExampleIndexPage.objects.child_of(region_page(code)).get()


class ResultPageFactory(PublicationPageFactory):
    class Meta:
        model = "content.ResultPage"


class ThreadFactory(factory.django.DjangoModelFactory):
    """A dialogue thread on a need; ``participants=[...]`` sets the participating organisations."""

    class Meta:
        model = "dialogue.Thread"
        skip_postgeneration_save = True

    need = factory.SubFactory("tests.factories.CompetenceNeedPageFactory")
    title = factory.Sequence(lambda n: f"Testdialog {n}")
    purpose = "Hur möter vi behovet tillsammans?"
    started_by = factory.SubFactory(UserFactory)
    started_for = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def participants(self, create, organisations, **kwargs):
        if create:
            self.participants.add(self.started_for, *(organisations or []))


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dialogue.Contribution"

    thread = factory.SubFactory(ThreadFactory)
    kind = "inspel"
    body = "Ett inspel med **fetstil**."
    body_html = factory.LazyAttribute(lambda c: render_markdown(c.body))
    author = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)

"""factory_boy factories shared by the suite (no JSON fixtures)."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import Membership, Organisation, OrganisationKind, Profile

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

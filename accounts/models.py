"""Organisations (actors), memberships and profiles.

Regions and municipalities exist as organisations from the reference data
(``manage.py sync_organisations``); other organisations are added by staff or requested by
users and approved by staff. A membership is a request until an organisation admin or agency
staff decides it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from accounts.validators import (
    ORGANISATION_NUMBER_FORMAT,
    normalise_organisation_number,
    validate_organisation_number,
)
from content.models import Municipality, Region


class OrganisationKind(models.TextChoices):
    REGION = "region", "Region"
    MUNICIPALITY = "kommun", "Kommun"
    STATE_AGENCY = "statlig_myndighet", "Statlig myndighet"
    EDUCATION_PROVIDER = "utbildningsanordnare", "Utbildningsanordnare"
    EMPLOYER = "arbetsgivare", "Arbetsgivare eller branschorganisation"
    INTEREST_GROUP = "intresseorganisation", "Intresseorganisation"
    OTHER = "annan", "Annan"


class EducationProviderKind(models.TextChoices):
    UPPER_SECONDARY = "gymnasieskola", "Gymnasieskola"
    ADULT_EDUCATION = "komvux", "Komvux"
    HIGHER_VOCATIONAL = "yrkeshogskola", "Yrkeshögskola"
    FOLK_HIGH_SCHOOL = "folkhogskola", "Folkhögskola"
    UNIVERSITY = "universitet", "Universitet eller högskola"
    OTHER = "annan", "Annan utbildningsanordnare"


class WebsiteField(models.URLField):
    """A URL field whose forms assume https:// when the scheme is left out (Django 6's default)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Organisation(models.Model):
    name = models.CharField("namn", max_length=200)
    kind = models.CharField("typ", max_length=30, choices=OrganisationKind.choices)
    education_kind = models.CharField(
        "typ av utbildningsanordnare",
        max_length=30,
        choices=EducationProviderKind.choices,
        blank=True,
        help_text="Anges bara för utbildningsanordnare.",
    )
    organisation_number = models.CharField(
        "organisationsnummer",
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text="Tio siffror, till exempel 212000-2411.",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="region",
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="kommun",
    )
    website = WebsiteField("webbplats", blank=True)
    is_approved = models.BooleanField(
        "godkänd",
        default=True,
        help_text="Organisationer som användare föreslår syns först när personal godkänt dem.",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requested_organisations",
        verbose_name="föreslagen av",
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        verbose_name_plural = "organisationer"
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(kind="region"),
                name="one_organisation_per_region",
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(kind="kommun"),
                name="one_organisation_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=~Q(organisation_number=""),
                name="unique_organisation_number",
                violation_error_message="Det finns redan en organisation med det "
                "organisationsnumret.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.kind == OrganisationKind.EDUCATION_PROVIDER and not self.education_kind:
            errors["education_kind"] = "Välj vilken typ av utbildningsanordnare det är."
        if self.kind != OrganisationKind.EDUCATION_PROVIDER and self.education_kind:
            errors["education_kind"] = (
                "Typ av utbildningsanordnare anges bara för utbildningsanordnare."
            )
        if (
            self.municipality_id
            and self.region_id
            and self.municipality.region_id != self.region_id
        ):
            errors["municipality"] = f"{self.municipality} ligger inte i {self.region}."
        # Stored as NNNNNN-NNNN so that uniqueness holds however it was typed; a malformed
        # number is left as typed for the field validator to report.
        if ORGANISATION_NUMBER_FORMAT.match(self.organisation_number.strip()):
            self.organisation_number = normalise_organisation_number(self.organisation_number)
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Medlem"
        ADMIN = "admin", "Organisationsadministratör"

    class Status(models.TextChoices):
        PENDING = "pending", "Väntar på beslut"
        APPROVED = "approved", "Godkänd"
        DECLINED = "declined", "Avslagen"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="användare",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="organisation",
    )
    role = models.CharField("roll", max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField("begärd", auto_now_add=True)
    decided_at = models.DateTimeField("beslutad", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beslutad av",
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "medlemskap"
        verbose_name_plural = "medlemskap"
        constraints = [
            # A declined request may be followed by a new one; an open or granted one not.
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status__in=["pending", "approved"]),
                name="one_open_membership_per_user_and_organisation",
                violation_error_message="Du är redan medlem i eller har redan ansökt om "
                "medlemskap i den här organisationen.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_status_display()})"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name="användare",
    )
    title = models.CharField("titel", max_length=150, blank=True)
    deleted_at = models.DateTimeField(
        "borttagen",
        null=True,
        blank=True,
        help_text="Kontot är borttaget: personuppgifterna är raderade och namnet visas som "
        "”Borttagen användare”.",
    )

    class Meta:
        verbose_name = "profil"
        verbose_name_plural = "profiler"

    def __str__(self) -> str:
        return f"Profil för {self.user}"

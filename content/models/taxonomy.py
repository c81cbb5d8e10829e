"""Official classifications used as a curated taxonomy.

Codes are natural keys (länskod, kommunkod, SNI, SSYK, SUN), loaded from the project's copy of
the reference files by ``manage.py load_reference_data``. They are never typed as free tags: pages
link to these rows, and the admin shows them read-only (see content/wagtail_hooks.py).
"""

from django.core.validators import RegexValidator
from django.db import models
from wagtail.search import index


class Region(index.Indexed, models.Model):
    """One of Sweden's 21 regions, keyed by its länskod."""

    code = models.CharField(
        "länskod",
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", "Länskoden består av två siffror.")],
    )
    county_name = models.CharField("län", max_length=100)
    name = models.CharField("regionorganisation", max_length=100)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("county_name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("county_name"),
        index.AutocompleteField("code"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = "region"
        verbose_name_plural = "regioner"

    def __str__(self) -> str:
        return self.name


class Municipality(index.Indexed, models.Model):
    code = models.CharField(
        "kommunkod",
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", "Kommunkoden består av fyra siffror.")],
    )
    name = models.CharField("kommun", max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name="region"
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.FilterField("region"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"

    def __str__(self) -> str:
        return self.name


class Sector(index.Indexed, models.Model):
    """An SNI section (A–U) or 2-digit division, tagged with its classification version.

    SNI 2025 is replacing SNI 2007; the version keeps codes of both apart so they can coexist.
    """

    class Version(models.TextChoices):
        SNI2007 = "SNI2007", "SNI 2007"
        SNI2025 = "SNI2025", "SNI 2025"

    class Level(models.IntegerChoices):
        SECTION = 1, "avdelning"
        DIVISION = 2, "huvudgrupp"

    version = models.CharField(
        "klassificering", max_length=10, choices=Version.choices, default=Version.SNI2007
    )
    code = models.CharField("kod", max_length=2)
    level = models.PositiveSmallIntegerField("nivå", choices=Level.choices)
    name = models.CharField("benämning", max_length=255)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="avdelning",
    )
    division_range = models.CharField(
        "huvudgrupper",
        max_length=10,
        blank=True,
        help_text="Avdelningens huvudgrupper, t.ex. 10–33",
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.FilterField("level"),
        index.FilterField("version"),
    ]

    class Meta:
        ordering = ["version", "level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="unique_sector_code_per_version"
            )
        ]
        verbose_name = "sektor (SNI)"
        verbose_name_plural = "sektorer (SNI)"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Occupation(index.Indexed, models.Model):
    """An SSYK 2012 group at any of its four levels; a code's parent is the code minus a digit."""

    code = models.CharField(
        "kod",
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{1,4}$", "SSYK-koden består av en till fyra siffror.")],
    )
    level = models.PositiveSmallIntegerField("nivå")
    name = models.CharField("benämning", max_length=255)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="överordnad grupp",
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.FilterField("level"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = "yrke (SSYK)"
        verbose_name_plural = "yrken (SSYK)"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EducationField(index.Indexed, models.Model):
    """A SUN 2020 education field (inriktning), 1-digit level."""

    code = models.CharField("kod", max_length=4, unique=True)
    level = models.PositiveSmallIntegerField("nivå")
    name = models.CharField("benämning", max_length=255)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = "utbildningsinriktning (SUN)"
        verbose_name_plural = "utbildningsinriktningar (SUN)"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

"""Fixed vocabularies of the publication model (the assignment's own wording in Swedish)."""

from django.db import models


class Horizon(models.TextChoices):
    SHORT = "short", "Kort sikt"
    LONG = "long", "Lång sikt"


class AnalysisKind(models.TextChoices):
    ANALYSIS = "analys", "Analys"
    FORECAST = "prognos", "Prognos"
    SURVEY = "kartlaggning", "Kartläggning"


class Balance(models.TextChoices):
    SHORTAGE = "brist", "Brist"
    BALANCE = "balans", "Balans"
    SURPLUS = "overskott", "Överskott"


class Priority(models.TextChoices):
    HIGH = "hog", "Hög"
    MEDIUM = "medel", "Medel"
    LOW = "lag", "Låg"


class NeedStatus(models.TextChoices):
    """The need's path from identification to follow-up, in order."""

    IDENTIFIED = "identifierat", "Identifierat"
    IN_DIALOGUE = "i_dialog", "I dialog"
    ACTION_PROPOSED = "insats_foreslagen", "Insats föreslagen"
    ACTION_ONGOING = "insats_pagar", "Insats pågår"
    FOLLOWED_UP = "uppfoljt", "Uppföljt"


class ActorType(models.TextChoices):
    MUNICIPALITY = "kommun", "Kommun"
    STATE_AGENCY = "statlig_myndighet", "Statlig myndighet"
    EDUCATION_PROVIDER = "utbildningsanordnare", "Utbildningsanordnare"
    EMPLOYER = "arbetsgivare", "Arbetsgivare"
    OTHER = "annan", "Annan"


class Outcome(models.TextChoices):
    SUCCESSFUL = "lyckat", "Lyckat"
    PARTLY = "delvis", "Delvis lyckat"
    UNSUCCESSFUL = "ej_lyckat", "Ej lyckat"


class PublicationType(models.TextChoices):
    """Type keys shared by listings, import and search (the search API's ``type``)."""

    ANALYSIS = "analysis", "Analyser och prognoser"
    NEED = "need", "Kompetensbehov"
    GOOD_EXAMPLE = "good_example", "Goda exempel"
    RESULT = "result", "Resultat och uppföljningar"
    COLLECTION = "collection", "Samlingar"

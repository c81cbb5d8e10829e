"""Structured dialogue on competence needs: threads, typed contributions, actions.

Everything here points at content (the need, the result page) and accounts (organisations);
nothing there points back, so the link from a result page to the action it followed up is the
``Action.result_page`` foreign key, shown on the result page through a template tag.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from accounts.models import Organisation
from content.models import CompetenceNeedPage, ResultPage

TITLE_MAX_LENGTH = 200
PURPOSE_MAX_LENGTH = 2000
BODY_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 1000
# Replies nest at most two levels: a post (0), a reply (1) and a reply to that reply (2).
MAX_DEPTH = 2


class Thread(models.Model):
    class Status(models.TextChoices):
        OPEN = "oppen", "Öppen"
        CLOSED = "stangd", "Stängd"
        ARCHIVED = "arkiverad", "Arkiverad"

    class Visibility(models.TextChoices):
        PUBLIC = "publik", "Publik – alla kan läsa"
        INVITED = "inbjudna", "Endast inbjudna organisationer"

    need = models.ForeignKey(
        CompetenceNeedPage,
        on_delete=models.CASCADE,
        related_name="dialogue_threads",
        verbose_name="kompetensbehov",
    )
    title = models.CharField("rubrik", max_length=TITLE_MAX_LENGTH)
    purpose = models.TextField("fråga eller syfte", max_length=PURPOSE_MAX_LENGTH)
    status = models.CharField("status", max_length=10, choices=Status.choices, default="oppen")
    visibility = models.CharField(
        "synlighet", max_length=10, choices=Visibility.choices, default="publik"
    )
    participants = models.ManyToManyField(
        Organisation,
        related_name="dialogue_threads",
        verbose_name="deltagande organisationer",
        blank=True,
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="started_threads",
        verbose_name="startad av",
    )
    started_for = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="started_threads",
        verbose_name="för organisationen",
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    last_activity_at = models.DateTimeField("senaste aktivitet", auto_now_add=True)

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = "dialogtråd"
        verbose_name_plural = "dialogtrådar"

    def __str__(self) -> str:
        return self.title

    def get_url(self) -> str:
        return reverse("dialogue:thread", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ContributionKind(models.TextChoices):
    QUESTION = "fraga", "Fråga"
    INPUT = "inspel", "Inspel"
    PROPOSAL = "forslag", "Förslag på insats"
    COMMITMENT = "atagande", "Åtagande"
    STATUS_UPDATE = "statusuppdatering", "Statusuppdatering"


class Contribution(models.Model):
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="contributions", verbose_name="tråd"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name="svar på",
    )
    depth = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField("typ av inlägg", max_length=20, choices=ContributionKind.choices)
    body = models.TextField("text", max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    linked_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="länkad sida",
    )
    linked_document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="länkat dokument",
    )
    commitment_what = models.CharField("vad", max_length=TITLE_MAX_LENGTH, blank=True)
    commitment_who = models.CharField("av vem", max_length=TITLE_MAX_LENGTH, blank=True)
    commitment_due = models.DateField("senast", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dialogue_contributions",
        verbose_name="skribent",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="dialogue_contributions",
        verbose_name="för organisationen",
    )
    # One key per rendered form: a double submit of the same form finds the first post.
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField("skriven", auto_now_add=True)
    edited_at = models.DateTimeField("ändrad", null=True, blank=True)
    deleted_at = models.DateTimeField("borttagen", null=True, blank=True)
    hidden_at = models.DateTimeField("dold", null=True, blank=True)
    hidden_reason = models.TextField("skäl", blank=True, max_length=REASON_MAX_LENGTH)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "inlägg"
        verbose_name_plural = "inlägg"
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"], name="one_contribution_per_submission"
            ),
            models.CheckConstraint(condition=Q(depth__lte=MAX_DEPTH), name="max_reply_depth"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} i {self.thread}"

    @property
    def is_removed(self) -> bool:
        """Deleted by its author or hidden by a moderator: its text is not shown."""
        return self.deleted_at is not None or self.hidden_at is not None


class ContributionRevision(models.Model):
    """The text before an edit; moderators see the whole history."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["replaced_at", "pk"]


class Endorsement(models.Model):
    """ "Vi stödjer": one organisation backs a proposed action, once."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="endorsements"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="dialogue_endorsements"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "organisation"], name="one_endorsement_per_organisation"
            )
        ]


class Action(models.Model):
    """An insats: a proposal a region editor accepted, with its own progress."""

    class Status(models.TextChoices):
        PLANNED = "planerad", "Planerad"
        ONGOING = "pagar", "Pågår"
        DONE = "genomford", "Genomförd"
        CANCELLED = "avbruten", "Avbruten"

    need = models.ForeignKey(
        CompetenceNeedPage,
        on_delete=models.CASCADE,
        related_name="dialogue_actions",
        verbose_name="kompetensbehov",
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="actions", verbose_name="tråd"
    )
    proposal = models.OneToOneField(
        Contribution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action",
        verbose_name="förslag",
    )
    title = models.CharField("rubrik", max_length=TITLE_MAX_LENGTH)
    description = models.TextField("beskrivning", blank=True, max_length=BODY_MAX_LENGTH)
    responsible_organisations = models.ManyToManyField(
        Organisation, related_name="dialogue_actions", verbose_name="ansvariga organisationer"
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default="planerad")
    start_date = models.DateField("start", null=True, blank=True)
    end_date = models.DateField("slut", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField("antagen", auto_now_add=True)
    result_page = models.ForeignKey(
        ResultPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dialogue_actions",
        verbose_name="resultat/uppföljning",
        help_text="Resultatsidan som följde upp insatsen.",
    )

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = "insats"
        verbose_name_plural = "insatser"

    def __str__(self) -> str:
        return self.title


class ActionProgressNote(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress_notes")
    text = models.TextField("lägesrapport", max_length=BODY_MAX_LENGTH)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Follow(models.Model):
    """A user follows a need (all its threads) or one thread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dialogue_follows"
    )
    need = models.ForeignKey(
        CompetenceNeedPage, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(need__isnull=True) ^ Q(thread__isnull=True),
                name="follow_need_or_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "need"], condition=Q(need__isnull=False), name="follow_need_once"
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="follow_thread_once",
            ),
        ]


class EmailFrequency(models.TextChoices):
    IMMEDIATELY = "direkt", "Direkt"
    DAILY = "daglig", "En sammanfattning per dag"
    WEEKLY = "veckovis", "En sammanfattning per vecka"
    NEVER = "aldrig", "Aldrig"


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dialogue_settings"
    )
    email_frequency = models.CharField(
        "e-post om nyheter",
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    # Region editors and the region organisation's administrators hear about every new public
    # thread and every proposal on their region's needs without following anything; this mutes it.
    region_updates = models.BooleanField(
        "nya dialoger och förslag i min region",
        default=True,
        help_text="För regionens redaktörer och administratörer: notiser om varje ny publik "
        "dialog och varje förslag på insats om regionens kompetensbehov.",
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        CONTRIBUTION = "inlagg", "Nytt inlägg"
        ACTION = "insats", "Insats antagen"
        STATUS = "status", "Ändrad status"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dialogue_notifications"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=400)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the notification went out by e-mail (alone or in a digest), or when the
    # recipient's choice means it never will: send_digests only picks rows where it is empty.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        OFFENSIVE = "krankande", "Kränkande"
        OFF_TOPIC = "fel_amne", "Fel ämne"
        OTHER = "annat", "Annat"

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField("skäl", max_length=10, choices=Reason.choices)
    text = models.TextField("beskrivning", blank=True, max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]


class PostingBlock(models.Model):
    """A moderator stopped this user from posting."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dialogue_block"
    )
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)


class ModerationLogEntry(models.Model):
    class Kind(models.TextChoices):
        HIDE = "dolt", "Dolde inlägg"
        RESTORE = "aterstallt", "Återställde inlägg"
        BLOCK = "blockerat", "Blockerade användare"
        UNBLOCK = "avblockerat", "Hävde blockering"
        DISMISS = "avfardat", "Avfärdade anmälan"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="vem"
    )
    kind = models.CharField("vad", max_length=12, choices=Kind.choices)
    contribution = models.ForeignKey(
        Contribution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gäller",
    )
    reason = models.TextField("varför", max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField("när", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "moderering"
        verbose_name_plural = "moderingslogg"

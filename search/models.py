"""The database engine's storage, the lexicon and the editors' synonym list.

``IndexedDocument`` is one row per searchable item, written from the one document schema
(:mod:`search.documents`). Full-text structures that Django cannot describe live beside it and
are created by migrations per database vendor:

- SQLite: the FTS5 table ``search_fts`` (rowid = publication day << 32 | ``IndexedDocument.id``)
  holding the stems of each field, word pairs and ranking-tier tokens, and
  ``search_token_bitmap``, the bitmaps of its common tokens (see its module, ``token_bitmaps``);
- PostgreSQL: the table ``search_pg_match`` (one narrow row per document: ``match_vector``
  with its GIN index, and the weighted vectors ``ts_rank`` reads), ``search_token_bitmap``,
  the bitmaps of its common tokens in chunks (``token_chunks``), and a trigram index on the
  lexicon for typo tolerance.

See :mod:`search.engines.database.sqlite`, :mod:`~search.engines.database.postgresql` and
:mod:`~search.engines.database.terms`.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel


class IndexedDocument(models.Model):
    key = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=20)
    region = models.CharField(max_length=2, blank=True)
    horizon = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    published = models.DateField(db_index=True)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    attachment_text = models.TextField(blank=True)
    # Space-separated filter tokens (see search.filters): region, type, sector sections,
    # occupation groups on every level, municipalities, horizon, status, year.
    filter_tokens = models.TextField()
    # The title's words without stop words: an exact title match ranks first (see
    # search.engines.database.title_key).
    title_key = models.CharField(max_length=255, blank=True, default="", db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_document"
        indexes = [models.Index(fields=["-published", "-id"], name="search_doc_newest")]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"


class IndexState(models.Model):
    """One row: where the index stands, so each process knows how stale its caches are.

    A rebuild starts a new ``generation``; every other write appends its documents to the
    change log (:class:`IndexChange`) under ``last_change``, which processes replay.
    """

    generation = models.PositiveBigIntegerField(default=0)
    last_change = models.PositiveBigIntegerField(default=0)
    # Changes up to this one were pruned: a process that saw less reloads everything.
    pruned_through = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "search_state"


class IndexChange(models.Model):
    """The change log: document ``document`` (a search_document id, its ``key``) was written
    or deleted. Processes replay it by id; a rebuild replays the writes made during it by key.

    Ids are numbered by the writer while it holds the state row's lock, so their order is
    commit order and a reader that saw change *n* has seen every change before it.
    """

    id = models.PositiveBigIntegerField(primary_key=True)
    document = models.PositiveBigIntegerField()
    key = models.CharField(max_length=100)

    class Meta:
        db_table = "search_change"


class LexiconEntry(models.Model):
    """A stem that occurs in the index, with the forms the query expansion looks it up by."""

    stem = models.CharField(max_length=60, unique=True)
    folded = models.CharField(max_length=60, db_index=True)
    reversed_stem = models.CharField(max_length=60, db_index=True)
    reversed_folded = models.CharField(max_length=60, db_index=True)

    class Meta:
        db_table = "search_lexicon"

    def __str__(self) -> str:
        return self.stem


class Synonym(models.Model):
    """Words that mean the same to a searcher, maintained by editors in the admin."""

    terms = models.CharField(
        "synonymer",
        max_length=500,
        unique=True,
        help_text=(
            "Ord eller uttryck som betyder samma sak, åtskilda med kommatecken, t.ex. "
            "”USK, undersköterska”. Sökningar på något av dem hittar alla."
        ),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        ordering = ["terms"]
        verbose_name = "synonymgrupp"
        verbose_name_plural = "synonymer"

    def __str__(self) -> str:
        return self.terms

    @property
    def members(self) -> tuple[str, ...]:
        return self.split(self.terms)

    @staticmethod
    def split(terms: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in terms.split(",") if part.strip())


class SavedSearch(models.Model):
    """A signed-in user's search ("Bevaka sökningen") that e-mails its new hits.

    ``query_string`` is the search as /sok/ reads it, normalised by :mod:`search.alerts` (only
    ``q`` and the filters, sorted), so the same search saved twice is one row. What has been
    sent is remembered as a high-water mark: ``seen_through``, the newest publication date the
    alert has seen, and ``seen_keys``, the documents it has seen that were published within the
    look-back window before it (a publication dated before the mark, after a long review, still
    counts as new once).
    """

    class Frequency(models.TextChoices):
        DAILY = "daily", "Varje dag"
        WEEKLY = "weekly", "Varje vecka"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    query_string = models.CharField(max_length=2000)
    params = models.JSONField()
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    seen_through = models.DateField()
    seen_keys = models.JSONField(default=dict)

    class Meta:
        db_table = "search_saved_search"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "query_string"], name="search_saved_search_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.query_string}"

"""Bulk import of publications from a manifest (``manage.py import_publications DIR``).

DIR holds ``manifest.jsonl`` (one JSON object per line) and the attachment files it names; the
format is the contract in DESIGN.md. Import runs in two phases:

1. ``validate`` reads the whole manifest and checks every field of every line against the
   reference data, the other lines and the database. Every problem is reported as
   ``line N: field: message``; if there is any, nothing is written.
2. ``Writer`` creates or updates the pages in short transactions (at most CHUNK_RECORDS
   records or about CHUNK_SECONDS each), so that readers and other writers never wait long
   for SQLite's write lock, and still all at once or not at all: new pages are staged
   unpublished and go live in one short last transaction, and a failure before that removes
   what the import wrote (see ``Writer``). Records are matched on ``external_id``, so a
   re-import updates in place; a record whose content (including its attachment files) is
   unchanged is skipped. Pages are created first and linked afterwards, so records may refer
   to each other in any order.

Attachment files are stored before their transaction commits, so an import that stops
half-way (an error, Ctrl-C, a SIGTERM, which the command turns into an exit) could leave files
whose Document rows were rolled back or removed. Imported files therefore live in their own
folder (``documents/import/``), and every file there without a Document row is removed: right
after a failed import, and before each import starts, which clears what a SIGKILL left, before
the re-import could store second copies next to it. The unpublished pages a SIGKILL leaves are
finished by the next import of the same manifest. Run one import at a time.
"""

import datetime
import hashlib
import json
import logging
import posixpath
import re
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from markdown_it import MarkdownIt
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published
from wagtail.utils.file import hash_filelike

from content.models import (
    AnalysisAttachment,
    AnalysisKind,
    AnalysisPage,
    Balance,
    CompetenceNeedPage,
    GoodExampleIndexPage,
    GoodExamplePage,
    Horizon,
    Municipality,
    NeedStatus,
    Occupation,
    Outcome,
    PublicationPage,
    PublicationType,
    Region,
    RegionPage,
    ResultPage,
    Sector,
)
from content.publication_types import publication_models
from content.slugs import free_slug

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.jsonl"
# A write transaction ends after this many records or about this many seconds, whichever
# comes first: on SQLite every other writer waits for it (see Writer).
CHUNK_RECORDS = 50
CHUNK_SECONDS = 0.5
# Imported attachment files, under the document field's upload folder (see the module doc).
IMPORT_FOLDER = "import"
IMPORTABLE_TYPES = (
    PublicationType.ANALYSIS,
    PublicationType.NEED,
    PublicationType.GOOD_EXAMPLE,
    PublicationType.RESULT,
)
COMMON_FIELDS = {
    "external_id",
    "type",
    "region",
    "title",
    "summary",
    "body",
    "published",
    "horizon",
    "sectors",
    "occupations",
    "municipalities",
    "attachments",
}
TYPE_FIELDS = {
    PublicationType.ANALYSIS: {"kind"},
    PublicationType.NEED: {"analyses", "status", "balance"},
    PublicationType.GOOD_EXAMPLE: {"needs", "outcome"},
    PublicationType.RESULT: {"needs"},
}
REQUIRED = {
    PublicationType.ANALYSIS: ("horizon", "kind"),
    PublicationType.NEED: ("horizon",),
}
LIST_FIELDS = ("sectors", "occupations", "municipalities", "attachments", "analyses", "needs")
ATTACHMENT_TYPES = (PublicationType.ANALYSIS, PublicationType.RESULT)
MAX_LENGTHS = {"external_id": 100, "title": 255, "summary": 600}

# Good examples are structured; a Markdown body's level-2 headings fill the matching fields.
GOOD_EXAMPLE_SECTIONS = {
    "utmaning": "challenge",
    "utmaningen": "challenge",
    "vad som gjordes": "what_was_done",
    "genomförande": "what_was_done",
    "resultat": "results_evidence",
    "resultat och belägg": "results_evidence",
    "resurser": "resources",
    "resurser som krävdes": "resources",
    "lärdomar": "lessons_learned",
    "potential för andra": "potential",
    "potential": "potential",
}

markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


class ImportValidationError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} fel i manifestet")


@dataclass
class Record:
    line: int
    data: dict
    checksum: str = ""

    @property
    def external_id(self) -> str:
        return self.data["external_id"]

    @property
    def type(self) -> str:
        return self.data["type"]


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    drafts: list[str] = field(default_factory=list)
    # Write transactions and the longest of them in seconds (the time others wait, at most).
    transactions: int = 0
    longest_transaction: float = 0.0


@dataclass
class Codes:
    """The valid codes of the reference data, loaded once per validation."""

    regions: set[str]
    sectors: set[str]
    occupations: set[str]
    municipalities: set[str]

    @classmethod
    def load(cls) -> "Codes":
        return cls(
            regions=set(Region.objects.values_list("code", flat=True)),
            sectors=set(Sector.objects.values_list("code", flat=True)),
            occupations=set(Occupation.objects.values_list("code", flat=True)),
            municipalities=set(Municipality.objects.values_list("code", flat=True)),
        )


def existing_pages() -> dict[str, tuple[str, int]]:
    """external_id -> (publication type, page id) for every imported page in the database."""
    found = {}
    for publication_type, model in publication_models().items():
        for external_id, pk in model.objects.exclude(external_id=None).values_list(
            "external_id", "pk"
        ):
            found[external_id] = (publication_type, pk)
    return found


def read_manifest(directory: Path) -> tuple[list[Record], list[str]]:
    path = directory / MANIFEST_NAME
    if not path.is_file():
        return [], [f"line 0: manifest: filen {MANIFEST_NAME} saknas i {directory}"]
    records, problems = [], []
    with path.open(encoding="utf-8", errors="strict") as handle:
        try:
            lines = list(enumerate(handle, start=1))
        except UnicodeDecodeError as error:
            return [], [f"line 0: manifest: filen är inte UTF-8 ({error.reason})"]
    for number, text in lines:
        if not text.strip():
            continue
        try:
            data = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            problems.append(
                f"line {number}: json: ogiltig JSON ({error.msg}, kolumn {error.colno})"
            )
            continue
        if not isinstance(data, dict):
            problems.append(f"line {number}: json: raden ska vara ett JSON-objekt")
            continue
        records.append(Record(line=number, data=data))
    if not records and not problems:
        problems.append("line 0: manifest: manifestet innehåller inga poster")
    return records, problems


def _check_date(value) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "ska vara ett datum på formen ÅÅÅÅ-MM-DD"
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return f"{value!r} är inget giltigt datum"
    return None


def _choice(values) -> Callable[[str], str | None]:
    allowed = list(values)
    return lambda value: (
        None if value in allowed else f"{value!r} ska vara en av {', '.join(allowed)}"
    )


CHOICES = {
    "horizon": _choice(Horizon.values),
    "kind": _choice(AnalysisKind.values),
    "status": _choice(NeedStatus.values),
    "balance": _choice(Balance.values),
    "outcome": _choice(Outcome.values),
}


def validate(directory: Path) -> list[Record]:
    """Check the whole manifest; raise ImportValidationError listing every problem."""
    records, problems = read_manifest(directory)
    codes = Codes.load()
    in_database = existing_pages()
    seen: dict[str, Record] = {}
    types_in_manifest: dict[str, str] = {}

    def problem(record: Record, field_name: str, message: str) -> None:
        problems.append(f"line {record.line}: {field_name}: {message}")

    for record in records:
        data = record.data
        external_id = data.get("external_id")
        if isinstance(external_id, str) and external_id.strip():
            if external_id in seen:
                problem(
                    record,
                    "external_id",
                    f"{external_id!r} finns redan på rad {seen[external_id].line}",
                )
            else:
                seen[external_id] = record
                if data.get("type") in IMPORTABLE_TYPES:
                    types_in_manifest[external_id] = data["type"]
    for record in records:
        _validate_record(record, codes, in_database, types_in_manifest, directory, problem)
    if problems:
        problems.sort(key=lambda text: int(text.split(":", 1)[0].removeprefix("line ")))
        raise ImportValidationError(problems)
    for record in records:
        record.checksum = _checksum(record, directory)
    return records


def _validate_record(record, codes, in_database, types_in_manifest, directory, problem) -> None:
    data = record.data
    for name in ("external_id", "type", "region", "title", "summary", "published"):
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            problem(record, name, "fältet krävs och ska vara en text")
    record_type = data.get("type")
    if isinstance(record_type, str) and record_type.strip() and record_type not in IMPORTABLE_TYPES:
        problem(record, "type", f"{record_type!r} ska vara en av {', '.join(IMPORTABLE_TYPES)}")
        return
    if record_type not in IMPORTABLE_TYPES:
        return
    allowed = COMMON_FIELDS | TYPE_FIELDS[record_type]
    for name in sorted(set(data) - allowed):
        if any(name in fields for fields in TYPE_FIELDS.values()):
            problem(record, name, f"fältet gäller inte typen {record_type}")
        else:
            problem(record, name, "okänt fält")
    for name in REQUIRED.get(record_type, ()):
        if data.get(name) in (None, ""):
            problem(record, name, f"fältet krävs för typen {record_type}")
    for name, limit in MAX_LENGTHS.items():
        value = data.get(name)
        if isinstance(value, str) and len(value) > limit:
            problem(record, name, f"högst {limit} tecken (är {len(value)})")
    if data.get("body") is not None and not isinstance(data["body"], str):
        problem(record, "body", "ska vara en text (Markdown)")
    if (
        isinstance(data.get("region"), str)
        and data["region"]
        and data["region"] not in codes.regions
    ):
        problem(record, "region", f"okänd länskod {data['region']!r}")
    published = data.get("published")
    if isinstance(published, str) and published and (message := _check_date(published)):
        problem(record, "published", message)
    for name, check in CHOICES.items():
        if name in data and data[name] is not None and name in allowed:
            if not isinstance(data[name], str):
                problem(record, name, "ska vara en text")
            elif message := check(data[name]):
                problem(record, name, message)
    for name in LIST_FIELDS:
        if name not in data or name not in allowed:
            continue
        values = data[name]
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            problem(record, name, "ska vara en lista med texter")
            continue
        _validate_list(
            record, name, values, codes, in_database, types_in_manifest, directory, problem
        )
    external_id = data.get("external_id")
    if external_id in in_database and in_database[external_id][0] != record_type:
        problem(
            record,
            "type",
            f"{external_id!r} finns redan som {in_database[external_id][0]}; typen kan inte ändras",
        )


def _validate_list(record, name, values, codes, in_database, types_in_manifest, directory, problem):
    known_codes = {
        "sectors": (codes.sectors, "okänd SNI-kod"),
        "occupations": (codes.occupations, "okänd SSYK-kod"),
        "municipalities": (codes.municipalities, "okänd kommunkod"),
    }
    if name in known_codes:
        valid, message = known_codes[name]
        for value in values:
            if value not in valid:
                problem(record, name, f"{message} {value!r}")
    elif name == "attachments":
        if values and record.type not in ATTACHMENT_TYPES:
            problem(record, name, "bilagor kan bara anges för analyser och resultat")
            return
        for value in values:
            path = directory / value
            if Path(value).name != value or value.startswith("."):
                problem(record, name, f"{value!r} ska vara ett filnamn i importmappen, utan sökväg")
            elif not path.is_file():
                problem(record, name, f"filen {value!r} finns inte i importmappen")
            elif path.suffix.lower().lstrip(".") not in {
                "pdf",
                "docx",
                "odt",
                "xlsx",
                "csv",
                "txt",
                "pptx",
            }:
                problem(record, name, f"filtypen för {value!r} är inte tillåten")
    else:
        wanted = PublicationType.ANALYSIS if name == "analyses" else PublicationType.NEED
        for value in values:
            found = types_in_manifest.get(value) or in_database.get(value, (None,))[0]
            if found is None:
                problem(record, name, f"{value!r} finns varken i manifestet eller i portalen")
            elif found != wanted:
                problem(record, name, f"{value!r} är av typen {found}, inte {wanted}")


def _checksum(record: Record, directory: Path) -> str:
    digest = hashlib.sha256(json.dumps(record.data, sort_keys=True).encode())
    for name in record.data.get("attachments") or []:
        with (directory / name).open("rb") as handle:
            digest.update(hash_filelike(handle).encode())
    return digest.hexdigest()


@dataclass
class Change:
    """A live page the import changes: where it goes, and how it was (to put it back)."""

    target: Page
    parent: Page
    live_revision_id: int | None
    latest_revision_id: int | None
    has_unpublished_changes: bool
    draft_title: str
    revision_id: int | None = None


class Writer:
    """Writes validated records in short transactions; one instance per import.

    On SQLite a transaction holds the database's only write lock, and every other writer (a
    member posting, an editor publishing, the search index) waits for it, so nothing here
    writes in one long transaction. New pages are staged as unpublished drafts, content in
    place, chunk by chunk, and go live together in one short final transaction (``_go_live``).
    Changes of pages that are live already are saved as draft revisions, which readers do not
    see, and published page by page just before that. If anything fails before the new pages
    go live, ``undo`` removes what was written and puts the changed pages back.
    """

    def __init__(self, directory: Path, *, draft: bool, progress: Callable[[int, int], None]):
        self.directory = directory
        self.draft = draft
        self.progress = progress
        self.pages: dict[str, PublicationPage] = {}
        self.region_pages = {
            page.region.code: page for page in RegionPage.objects.select_related("region")
        }
        self.good_example_indexes = {
            index.get_parent().specific.region.code: index
            for index in GoodExampleIndexPage.objects.all()
        }
        self.summary = ImportSummary()
        # What this import wrote, for ``undo``.
        self.created: list[int] = []
        self.documents: list[int] = []
        self.revisions: list[int] = []
        self.changes: dict[int, Change] = {}
        self.republished: list[int] = []
        self.going_live: list[int] = []
        self.live = False
        # How long the last transaction and its after-commit work kept the write lock.
        self.held = 0.0

    def run(self, records: list[Record]) -> ImportSummary:
        models = publication_models()
        for publication_type, model in models.items():
            ids = [record.external_id for record in records if record.type == publication_type]
            for page in model.objects.filter(external_id__in=ids):
                self.pages[page.external_id] = page
        changed = [record for record in records if self._changed(record)]
        new = [record for record in changed if record.external_id not in self.pages]
        self.summary.unchanged = len(records) - len(changed)
        self.summary.created = len(new)
        self.summary.updated = len(changed) - len(new)
        # Every new page exists (as an empty draft) before any is filled, so records may link
        # to each other in any order.
        self._in_chunks(new, lambda record: self._create(record, models[record.type]))
        numbered = list(enumerate(changed, start=1))
        self._in_chunks(numbered, lambda item: self._fill(item[1], item[0], len(changed)))
        self._in_chunks(list(self.changes), self._publish_change)
        with self._transaction():
            self._go_live()
        self.live = True
        self._in_chunks(self.going_live, self._announce)
        return self.summary

    def _changed(self, record: Record) -> bool:
        page = self.pages.get(record.external_id)
        if page is None or page.import_checksum != record.checksum:
            return True
        # Staged by an import that was killed before its pages went live: finish the job.
        return (
            not page.live
            and page.first_published_at is None
            and not self.draft
            and not _stays_draft(record)
        )

    @contextmanager
    def _transaction(self):
        """One write transaction; its duration up to the commit goes into the summary."""
        if self.summary.transactions:
            _let_waiting_writers_in(held=self.held)
        started = time.monotonic()
        with transaction.atomic():
            yield
            elapsed = time.monotonic() - started
        # With what ran after the commit (the search index sync, the page cache): writes too.
        self.held = time.monotonic() - started
        self.summary.transactions += 1
        self.summary.longest_transaction = max(self.summary.longest_transaction, elapsed)
        logger.debug("import: write transaction of %.3f s", elapsed)

    def _in_chunks(self, items: list, step: Callable) -> None:
        """``step`` for each item, in transactions of CHUNK_RECORDS items or about
        CHUNK_SECONDS, whichever ends first, so that other writers get their turn between."""
        position = 0
        while position < len(items):
            with self._transaction():
                started = time.monotonic()
                end = min(position + CHUNK_RECORDS, len(items))
                while position < end:
                    step(items[position])
                    position += 1
                    if time.monotonic() - started >= CHUNK_SECONDS:
                        break

    def _parent(self, record: Record) -> Page:
        region = record.data["region"]
        if record.type == PublicationType.GOOD_EXAMPLE:
            return self.good_example_indexes[region]
        return self.region_pages[region]

    def _create(self, record: Record, model: type[PublicationPage]) -> None:
        """Create the page as an unpublished shell; ``_fill`` sets its content."""
        # Read again: other writers may have added pages under it since the last chunk.
        parent = Page.objects.get(pk=self._parent(record).pk)
        page = model(
            title=record.data["title"],
            slug=free_slug(parent=parent, title=record.data["title"]),
            external_id=record.external_id,
            live=False,
            **self._scalar_fields(record),
        )
        parent.add_child(instance=page)
        self.created.append(page.pk)
        self.pages[record.external_id] = page

    def _scalar_fields(self, record: Record) -> dict:
        data = record.data
        values = {
            "summary": data["summary"],
            "published_date": datetime.date.fromisoformat(data["published"]),
        }
        body_html = markdown.render(data.get("body") or "")
        if record.type == PublicationType.ANALYSIS:
            values.update(
                horizon=data["horizon"],
                kind=data["kind"],
                body=[("paragraph", body_html)] if body_html else [],
            )
        elif record.type == PublicationType.NEED:
            values.update(
                horizon=data["horizon"],
                description=body_html,
                status=data.get("status") or NeedStatus.IDENTIFIED,
                balance=data.get("balance") or Balance.SHORTAGE,
            )
        elif record.type == PublicationType.GOOD_EXAMPLE:
            values.update(outcome=data.get("outcome") or Outcome.SUCCESSFUL)
            values.update(good_example_sections(data.get("body") or ""))
        elif record.type == PublicationType.RESULT:
            values.update(conclusions=body_html)
        return values

    def _fill(self, record: Record, number: int, total: int) -> None:
        page = self.pages[record.external_id]
        data = record.data
        parent = self._parent(record)
        stays_draft = self.draft or _stays_draft(record)
        if page.live and not stays_draft:
            self.changes[page.pk] = Change(
                target=parent,
                parent=page.get_parent(),
                live_revision_id=page.live_revision_id,
                latest_revision_id=page.latest_revision_id,
                has_unpublished_changes=page.has_unpublished_changes,
                draft_title=page.draft_title,
            )
        elif not page.live and page.get_parent().pk != parent.pk:
            # Nobody sees an unpublished page move; a live one moves when its change is published.
            page.move(parent, pos="last-child")
            page.refresh_from_db()
        page.title = data["title"]
        for name, value in self._scalar_fields(record).items():
            setattr(page, name, value)
        page.sectors.set(Sector.objects.filter(code__in=data.get("sectors") or []))
        page.occupations.set(Occupation.objects.filter(code__in=data.get("occupations") or []))
        page.municipalities.set(
            Municipality.objects.filter(code__in=data.get("municipalities") or [])
        )
        linked = {
            name: [self._linked(value) for value in data.get(name) or []]
            for name in ("analyses", "needs")
        }
        if isinstance(page, CompetenceNeedPage):
            page.source_analyses.set(linked["analyses"])
        elif isinstance(page, GoodExamplePage):
            page.needs_addressed.set(linked["needs"])
        elif isinstance(page, ResultPage):
            page.needs.set(linked["needs"])
        documents = [self._document(name) for name in data.get("attachments") or []]
        if isinstance(page, AnalysisPage):
            page.attachments = [AnalysisAttachment(document=document) for document in documents]
        elif isinstance(page, ResultPage):
            page.evaluation_report = documents[0] if documents else None
        page.import_checksum = record.checksum
        if _stays_draft(record):
            self.summary.drafts.append(f"{record.external_id} (saknar källanalys)")
        if not page.live:
            # The row holds what readers will see once ``_go_live`` sets it live. (A live
            # page's row is its published content: its change waits in the revision.)
            page.save()
            if not stays_draft:
                self.going_live.append(page.pk)
        revision = page.save_revision(clean=False)
        self.revisions.append(revision.pk)
        if page.pk in self.changes:
            self.changes[page.pk].revision_id = revision.pk
        self.progress(number, total)

    def _linked(self, external_id: str) -> Page:
        if external_id not in self.pages:
            # A page imported earlier and not part of this manifest (validation found it).
            for model in publication_models().values():
                if page := model.objects.filter(external_id=external_id).first():
                    self.pages[external_id] = page
        return self.pages[external_id]

    def _document(self, name: str):
        document_model = get_document_model()
        path = self.directory / name
        with path.open("rb") as handle:
            file_hash = hash_filelike(handle)
            existing = document_model.objects.filter(file_hash=file_hash).first()
            if existing:
                return existing
            handle.seek(0)
            document = document_model(title=Path(name).stem.replace("_", " "))
            document.file.save(f"{IMPORT_FOLDER}/{name}", File(handle), save=False)
            document.save()
            self.documents.append(document.pk)
            return document

    def _publish_change(self, pk: int) -> None:
        change = self.changes[pk]
        page = Page.objects.get(pk=pk)
        if change.parent.pk != change.target.pk:
            page.move(Page.objects.get(pk=change.target.pk), pos="last-child")
        self.republished.append(pk)
        # This import's revision, not whatever an editor may have saved since.
        Revision.objects.get(pk=change.revision_id).publish()

    def _go_live(self) -> None:
        """Make every staged page live in one statement: the moment the import appears.

        Wagtail publishes one page per call, each a full save with its signals; a thousand
        of them would hold the write lock for tens of seconds. A staged row already holds the
        content of its latest revision (``_fill``), so going live only sets the columns that
        Wagtail's publish sets. The page history entry and ``page_published``, which the
        search index and caches listen to, follow in ``_announce``.
        """
        now = timezone.now()
        Page.objects.filter(pk__in=self.going_live).update(
            live=True,
            has_unpublished_changes=False,
            live_revision_id=F("latest_revision_id"),
            last_published_at=now,
            first_published_at=Coalesce("first_published_at", Value(now)),
            expired=False,
        )

    def _announce(self, pk: int) -> None:
        page = Page.objects.get(pk=pk).specific
        revision = page.live_revision
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        page_published.send(sender=type(page), instance=page, revision=revision)

    def undo(self) -> None:
        """Remove what a failed import wrote and put the live pages it changed back.

        Runs only when the import stopped before its new pages went live: nothing of it was
        visible but the changes published by ``_publish_change``, which are reverted here.
        """
        if self.live:
            return
        self._in_chunks(self.republished, self._republish_previous)
        self._in_chunks(self.created, self._delete_page)
        revisions = Revision.objects.filter(pk__in=self.revisions)
        self._in_chunks(list(revisions.values_list("pk", flat=True)), self._delete_revision)
        self._in_chunks(list(self.changes), self._restore_draft_state)
        self._in_chunks(self.documents, self._delete_document)

    def _republish_previous(self, pk: int) -> None:
        change = self.changes[pk]
        page = Page.objects.get(pk=pk)
        if change.parent.pk != change.target.pk:
            page.move(Page.objects.get(pk=change.parent.pk), pos="last-child")
        Revision.objects.get(pk=change.live_revision_id).publish()

    def _delete_page(self, pk: int) -> None:
        if page := Page.objects.filter(pk=pk).first():
            page.specific.delete()
        # Its history (created, deleted) goes too: nobody but the import ever saw the page.
        PageLogEntry.objects.filter(page_id=pk).delete()

    def _delete_revision(self, pk: int) -> None:
        Revision.objects.filter(pk=pk).delete()

    def _restore_draft_state(self, pk: int) -> None:
        change = self.changes[pk]
        Page.objects.filter(pk=pk).update(
            latest_revision_id=change.latest_revision_id,
            has_unpublished_changes=change.has_unpublished_changes,
            draft_title=change.draft_title,
        )

    def _delete_document(self, pk: int) -> None:
        get_document_model().objects.filter(pk=pk).delete()


def _let_waiting_writers_in(*, held: float) -> None:
    """Leave the write lock free between two of the import's transactions, as long as it was
    held (``held`` seconds), and at least PORTAL_IMPORT_CHUNK_PAUSE_SECONDS.

    A writer waiting for SQLite's lock sleeps and tries again (the busy handler: up to 0.1 s
    between tries, no queue), and the longer it has waited, the longer it sleeps; a writer
    that has just begun to wait tries again within milliseconds. An import that began its next
    chunk right after a commit therefore won the lock again nearly every time, and members
    and editors waited until their timeout ended in "database is locked". A fixed pause of
    0.2 s let one of them in per chunk on an idle machine, but not the queue of posts, the
    editor and the task worker on a loaded one (the load test's import scenario). Free at
    least half of the time, the lock serves them all. PostgreSQL locks rows, not the
    database: no pause there. 0 turns the pause off (the test settings: imports run alone).
    """
    pause = settings.PORTAL_IMPORT_CHUNK_PAUSE_SECONDS
    if connection.vendor == "sqlite" and pause:
        time.sleep(max(pause, held))


def _stays_draft(record: Record) -> bool:
    """A published need must name its source analysis; one without stays a draft."""
    return record.type == PublicationType.NEED and not record.data.get("analyses")


def remove_unreferenced_files() -> list[str]:
    """Delete the files in the import folder that no Document row names; their names."""
    field = get_document_model()._meta.get_field("file")
    folder = posixpath.join(str(field.upload_to), IMPORT_FOLDER)
    try:
        _, names = field.storage.listdir(folder)
    except FileNotFoundError:
        return []
    referenced = set(
        get_document_model()
        .objects.filter(file__startswith=f"{folder}/")
        .values_list("file", flat=True)
    )
    removed = [f"{folder}/{name}" for name in names if f"{folder}/{name}" not in referenced]
    for path in removed:
        field.storage.delete(path)
    return removed


def good_example_sections(body: str) -> dict[str, str]:
    """Split a Markdown body on level-2 headings into the good example's structured fields."""
    sections: dict[str, list[str]] = {}
    current = "what_was_done"
    for line in body.splitlines():
        heading = re.match(r"^##\s+(.+?)\s*$", line)
        if heading and heading.group(1).strip().lower() in GOOD_EXAMPLE_SECTIONS:
            current = GOOD_EXAMPLE_SECTIONS[heading.group(1).strip().lower()]
            continue
        sections.setdefault(current, []).append(line)
    return {name: markdown.render("\n".join(lines).strip()) for name, lines in sections.items()}


def import_publications(
    directory: Path,
    *,
    draft: bool = False,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> ImportSummary:
    records = validate(directory)
    remove_unreferenced_files()
    writer = Writer(directory, draft=draft, progress=progress)
    try:
        return writer.run(records)
    except BaseException:
        writer.undo()
        remove_unreferenced_files()
        raise

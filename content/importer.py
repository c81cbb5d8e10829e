"""Bulk import of publications from a manifest (``manage.py import_publications DIR``).

DIR holds ``manifest.jsonl`` (one JSON object per line) and the attachment files it names; the
format is the contract in DESIGN.md. Import runs in two phases:

1. ``validate`` reads the whole manifest and checks every field of every line against the
   reference data, the other lines and the database. Every problem is reported as
   ``line N: field: message``; if there is any, nothing is written.
2. ``write`` creates or updates the pages in one transaction. Records are matched on
   ``external_id``, so a re-import updates in place; a record whose content (including its
   attachment files) is unchanged is skipped. Pages are created first and linked afterwards,
   so records may refer to each other in any order.

Attachment files are stored while the transaction is still open, so an import that stops
half-way (an error, Ctrl-C, a SIGTERM, which the command turns into an exit) would leave files
whose Document rows were rolled back. Imported files therefore live in their own folder
(``documents/import/``), and every file there without a Document row is removed: right after a
failed import, and before each import starts, which clears what a SIGKILL left, before the
re-import could store second copies next to it. Run one import at a time.
"""

import datetime
import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils.text import slugify
from markdown_it import MarkdownIt
from wagtail.documents import get_document_model
from wagtail.models import Page
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

MANIFEST_NAME = "manifest.jsonl"
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


class Writer:
    """Writes validated records; one instance per import, inside one transaction."""

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

    def run(self, records: list[Record]) -> ImportSummary:
        models = publication_models()
        for publication_type, model in models.items():
            ids = [record.external_id for record in records if record.type == publication_type]
            for page in model.objects.filter(external_id__in=ids):
                self.pages[page.external_id] = page
        changed = [
            record
            for record in records
            if record.external_id not in self.pages
            or self.pages[record.external_id].import_checksum != record.checksum
        ]
        self.summary.unchanged = len(records) - len(changed)
        for record in changed:
            if record.external_id not in self.pages:
                self.pages[record.external_id] = self._create(record, models[record.type])
                self.summary.created += 1
            else:
                self.summary.updated += 1
        for number, record in enumerate(changed, start=1):
            self._fill(record)
            self.progress(number, len(changed))
        return self.summary

    def _parent(self, record: Record) -> Page:
        region = record.data["region"]
        if record.type == PublicationType.GOOD_EXAMPLE:
            return self.good_example_indexes[region]
        return self.region_pages[region]

    def _create(self, record: Record, model: type[PublicationPage]) -> PublicationPage:
        """Create the page as an unpublished shell; ``_fill`` sets its content and publishes."""
        parent = self._parent(record)
        page = model(
            title=record.data["title"],
            slug=self._free_slug(parent, record.data["title"]),
            external_id=record.external_id,
            live=False,
            **self._scalar_fields(record),
        )
        parent.add_child(instance=page)
        return page

    def _free_slug(self, parent: Page, title: str) -> str:
        base = slugify(title)[:70] or "publikation"
        taken = set(
            parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

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

    def _fill(self, record: Record) -> None:
        page = self.pages[record.external_id]
        data = record.data
        parent = self._parent(record)
        if page.get_parent().pk != parent.pk:
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
        # A published need must name its source analysis; one without stays a draft.
        unpublishable = isinstance(page, CompetenceNeedPage) and not linked["analyses"]
        revision = page.save_revision(clean=False)
        if self.draft or unpublishable:
            if unpublishable:
                self.summary.drafts.append(f"{record.external_id} (saknar källanalys)")
            return
        revision.publish()

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
            return document


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
    try:
        with transaction.atomic():
            return Writer(directory, draft=draft, progress=progress).run(records)
    except BaseException:
        # The rows are rolled back by now; the files stored for them go too.
        remove_unreferenced_files()
        raise

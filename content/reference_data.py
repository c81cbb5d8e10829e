"""Load the official classifications from content/data/*.csv into the taxonomy tables.

Every file is parsed and checked before anything is written: a malformed file raises
``ReferenceDataError`` naming the file and line, and the database is left as it was. Loading is
idempotent: rows are matched on their natural key, only differences are written, and running it
twice changes nothing the second time.
"""

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from wagtail.search.backends import get_search_backends

from content.models import EducationField, Municipality, Occupation, Region, Sector

DATA_DIR = Path(__file__).resolve().parent / "data"


class ReferenceDataError(Exception):
    """A reference data file is malformed. ``problems`` lists every ``file:line: message``."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Table:
    """One CSV file as parsed rows, with the problems found while parsing it."""

    path: Path
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path.name}:{line}: {message}")


def read_table(path: Path, columns: list[str]) -> Table:
    table = Table(path)
    if not path.exists():
        table.problem(0, "filen saknas")
        return table
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            table.problem(1, f"kolumnerna ska vara {','.join(columns)}, inte {reader.fieldnames}")
            return table
        for row in reader:
            line = reader.line_num
            if None in row or any(value is None for value in row.values()):
                table.problem(line, f"raden ska ha {len(columns)} fält")
                continue
            values = {key: value.strip() for key, value in row.items()}
            empty = [key for key, value in values.items() if not value]
            if empty:
                table.problem(line, f"tomt fält: {', '.join(empty)}")
                continue
            table.rows.append((line, values))
    return table


def check(table: Table, key: str, pattern: str, extra: Callable[[int, dict], None] | None = None):
    """Check the key column's format and uniqueness, then any table-specific rule."""
    seen: dict[str, int] = {}
    for line, row in table.rows:
        code = row[key]
        if not re.fullmatch(pattern, code):
            table.problem(line, f"{key} {code!r} har fel format")
        elif code in seen:
            table.problem(line, f"{key} {code!r} förekommer redan på rad {seen[code]}")
        else:
            seen[code] = line
        if extra:
            extra(line, row)


@dataclass
class ParsedReferenceData:
    regions: list[dict]
    municipalities: list[dict]
    sectors: list[dict]
    occupations: list[dict]
    education_fields: list[dict]


def parse(data_dir: Path = DATA_DIR) -> ParsedReferenceData:
    """Read and validate every file; raise ReferenceDataError listing all problems found."""
    regions = read_table(data_dir / "regions.csv", ["county_code", "county_name", "region_name"])
    check(regions, "county_code", r"\d{2}")
    region_codes = {row["county_code"] for _, row in regions.rows}

    municipalities = read_table(
        data_dir / "municipalities.csv", ["municipality_code", "municipality_name", "county_code"]
    )

    def municipality_rule(line: int, row: dict) -> None:
        if row["county_code"] not in region_codes:
            municipalities.problem(line, f"okänd länskod {row['county_code']!r}")
        elif not row["municipality_code"].startswith(row["county_code"]):
            municipalities.problem(line, "kommunkoden börjar inte med länskoden")

    check(municipalities, "municipality_code", r"\d{4}", municipality_rule)

    sections = read_table(data_dir / "sni2007_sections.csv", ["section", "divisions", "name_sv"])
    check(sections, "section", r"[A-Z]")
    section_codes = {row["section"] for _, row in sections.rows}

    divisions = read_table(data_dir / "sni2007_divisions.csv", ["code", "section", "name_sv"])

    def division_rule(line: int, row: dict) -> None:
        if row["section"] not in section_codes:
            divisions.problem(line, f"okänd avdelning {row['section']!r}")

    check(divisions, "code", r"\d{2}", division_rule)

    ssyk = read_table(data_dir / "ssyk2012_groups.csv", ["code", "level", "name_sv"])
    ssyk_codes = {row["code"] for _, row in ssyk.rows}

    def ssyk_rule(line: int, row: dict) -> None:
        code = row["code"]
        if row["level"] != str(len(code)):
            ssyk.problem(line, f"nivå {row['level']!r} stämmer inte med koden {code!r}")
        elif len(code) > 1 and code[:-1] not in ssyk_codes:
            ssyk.problem(line, f"överordnad grupp {code[:-1]!r} saknas")

    check(ssyk, "code", r"\d{1,4}", ssyk_rule)

    sun = read_table(data_dir / "sun2020_fields.csv", ["code", "level", "name_sv"])

    def sun_rule(line: int, row: dict) -> None:
        if row["level"] != str(len(row["code"])):
            sun.problem(line, f"nivå {row['level']!r} stämmer inte med koden {row['code']!r}")

    check(sun, "code", r"\d{1,4}", sun_rule)

    problems = [
        problem
        for table in (regions, municipalities, sections, divisions, ssyk, sun)
        for problem in table.problems
    ]
    if problems:
        raise ReferenceDataError(problems)

    return ParsedReferenceData(
        regions=[
            {"code": r["county_code"], "county_name": r["county_name"], "name": r["region_name"]}
            for _, r in regions.rows
        ],
        municipalities=[
            {
                "code": r["municipality_code"],
                "name": r["municipality_name"],
                "region": r["county_code"],
            }
            for _, r in municipalities.rows
        ],
        sectors=[
            {
                "code": r["section"],
                "level": 1,
                "name": r["name_sv"],
                "division_range": r["divisions"],
                "parent": None,
            }
            for _, r in sections.rows
        ]
        + [
            {
                "code": r["code"],
                "level": 2,
                "name": r["name_sv"],
                "division_range": "",
                "parent": r["section"],
            }
            for _, r in divisions.rows
        ],
        occupations=[
            {
                "code": r["code"],
                "level": int(r["level"]),
                "name": r["name_sv"],
                "parent": r["code"][:-1] or None,
            }
            for _, r in sorted(ssyk.rows, key=lambda item: len(item[1]["code"]))
        ],
        education_fields=[
            {"code": r["code"], "level": int(r["level"]), "name": r["name_sv"]} for _, r in sun.rows
        ],
    )


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0

    def __iadd__(self, other: "SyncResult") -> "SyncResult":
        self.created += other.created
        self.updated += other.updated
        return self


def sync(
    queryset: models.QuerySet,
    rows: Iterable[dict],
    *,
    resolve: dict[str, Callable[[str | None], int | None]] | None = None,
) -> SyncResult:
    """Create or update ``queryset``'s rows keyed on ``code``; write only what differs.

    ``resolve`` maps a foreign-key field to a function from a code to a primary key. Rows are
    written in bulk, which sends no save signals, so the admin search index is updated here
    directly for the rows that changed.
    """
    resolve = resolve or {}
    model = queryset.model
    existing = {obj.code: obj for obj in queryset}
    created, updated, changed_fields = [], [], set()
    for row in rows:
        values = dict(row)
        for name, lookup in resolve.items():
            values[f"{name}_id"] = lookup(values.pop(name))
        obj = existing.get(values["code"])
        if obj is None:
            created.append(model(**values))
            continue
        differing = {name for name, value in values.items() if getattr(obj, name) != value}
        if differing:
            for name in differing:
                setattr(obj, name, values[name])
            changed_fields |= differing
            updated.append(obj)
    created = model.objects.bulk_create(created)
    if updated:
        model.objects.bulk_update(updated, sorted(changed_fields))
    for backend in get_search_backends():
        if created or updated:
            backend.add_bulk(model, [*created, *updated])
    return SyncResult(created=len(created), updated=len(updated))


def load(data_dir: Path = DATA_DIR) -> SyncResult:
    """Validate every file, then write the differences in one transaction."""
    data = parse(data_dir)
    total = SyncResult()
    with transaction.atomic():
        total += sync(Region.objects.all(), data.regions)
        region_ids = dict(Region.objects.values_list("code", "id"))
        total += sync(
            Municipality.objects.all(), data.municipalities, resolve={"region": region_ids.get}
        )
        sector_ids: dict[str, int] = {}
        sni = Sector.objects.filter(version=Sector.Version.SNI2007)
        for level in (1, 2):
            sector_ids.update(sni.values_list("code", "id"))
            total += sync(
                sni,
                [
                    {**row, "version": Sector.Version.SNI2007}
                    for row in data.sectors
                    if row["level"] == level
                ],
                resolve={"parent": lambda code: sector_ids.get(code) if code else None},
            )
        occupation_ids: dict[str, int] = {}
        for level in (1, 2, 3, 4):
            occupation_ids.update(Occupation.objects.values_list("code", "id"))
            total += sync(
                Occupation.objects.all(),
                [row for row in data.occupations if row["level"] == level],
                resolve={"parent": lambda code: occupation_ids.get(code) if code else None},
            )
        total += sync(EducationField.objects.all(), data.education_fields)
    return total

"""Benchmarks for publishing: bulk import of 5,000 records and text extraction of a 200-page PDF.

Run with ``make bench`` (or ``.venv/bin/python -m tests.benchmarks.bench_publishing``). Uses a
fresh SQLite database in a temporary folder unless ``--database-url`` names another (give it a
PostgreSQL database of its own: it is migrated and filled). Prints a table and writes
bench-results/publishing.json.
"""

import argparse
import io
import json
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "False"
    import django

    django.setup()


def build_manifest(directory: Path, records: int) -> int:
    """``records`` records cycling over regions and demo themes, each need linked to an analysis."""
    from content.demo_data import THEMES
    from content.models import Region

    regions = list(Region.objects.order_by("code"))
    themes = list(THEMES.values())
    lines = []
    for number in range(records // 2):
        region = regions[number % len(regions)]
        theme = themes[number % len(themes)]
        values = {
            "county": region.county_name,
            "region": region.name,
            "place1": region.name,
            "place2": region.county_name,
            "driver": "",
            "care_note": "",
            "school_note": "",
            "n1": 600 + number % 900,
            "n2": 80 + number % 300,
            "n3": 40 + number % 200,
            "share": 22 + number % 12,
        }
        base = f"bench-{number:05d}"
        lines.append(
            {
                "external_id": f"{base}-a",
                "type": "analysis",
                "region": region.code,
                "title": f"{theme.name} i {region.county_name} ({number})",
                "summary": theme.analysis_summary.format(**values),
                "body": theme.analysis_background.format(**values),
                "published": f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}",
                "horizon": theme.horizon,
                "kind": theme.kind,
                "sectors": list(theme.sectors),
                "occupations": list(theme.occupations),
            }
        )
        lines.append(
            {
                "external_id": f"{base}-n",
                "type": "need",
                "region": region.code,
                "title": f"{theme.name}: behov i {region.county_name} ({number})",
                "summary": theme.need_summary.format(**values),
                "body": theme.need_body.format(**values),
                "published": f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}",
                "horizon": theme.horizon,
                "sectors": list(theme.sectors[:1]),
                "occupations": list(theme.occupations[:1]),
                "analyses": [f"{base}-a"],
                "status": "identifierat",
                "balance": "brist",
            }
        )
    with (directory / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(lines)


def bench_import(records: int) -> list[dict]:
    from django.core.management import call_command

    from content.importer import import_publications, validate

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        count = build_manifest(directory, records)
        started = time.perf_counter()
        validate(directory)
        rows.append(
            {
                "benchmark": f"import: validate {count} records",
                "seconds": time.perf_counter() - started,
            }
        )
        started = time.perf_counter()
        summary = import_publications(directory)
        elapsed = time.perf_counter() - started
        rows.append(
            {
                "benchmark": f"import: first import of {count} records",
                "seconds": elapsed,
                "per_record_ms": 1000 * elapsed / count,
                "created": summary.created,
            }
        )
        started = time.perf_counter()
        summary = import_publications(directory)
        rows.append(
            {
                "benchmark": f"import: re-import of {count} unchanged records",
                "seconds": time.perf_counter() - started,
                "unchanged": summary.unchanged,
            }
        )
    return rows


def bench_pdf(pages: int) -> list[dict]:
    from content.document_text import extract_pdf_text
    from tests.pdfs import text_pdf

    paragraph = (
        "Regionens analys visar att kompetensförsörjningen inom vård och omsorg, industri och "
        "utbildning kräver samverkan mellan kommuner, utbildningsanordnare och arbetsgivare. "
    ) * 6
    content = text_pdf([paragraph] * 6, pages=pages)
    started = time.perf_counter()
    result = extract_pdf_text(io.BytesIO(content))
    elapsed = time.perf_counter() - started
    # Memory is measured in a second run: tracemalloc slows Python down several times.
    tracemalloc.start()
    extract_pdf_text(io.BytesIO(content))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return [
        {
            "benchmark": f"pdf: extract {pages} pages ({len(content) // 1024} KiB file)",
            "seconds": elapsed,
            "peak_python_mib": peak / 2**20,
            "text_chars": len(result.text),
            "status": str(result.status),
        }
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results" / "publishing.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(args.database_url or f"sqlite:///{folder}/bench.sqlite3")
        rows = bench_pdf(args.pages) + bench_import(args.records)
    print(f"{'benchmark':55} {'seconds':>9}  details")
    for row in rows:
        details = ", ".join(
            f"{key}={value:.2f}" if isinstance(value, float) else f"{key}={value}"
            for key, value in row.items()
            if key not in {"benchmark", "seconds"}
        )
        print(f"{row['benchmark']:55} {row['seconds']:9.2f}  {details}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()

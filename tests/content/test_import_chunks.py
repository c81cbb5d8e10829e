"""The import writes in short transactions and publishes its new pages in one last step."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from content.importer import Writer, import_publications
from content.models import AnalysisPage, CompetenceNeedPage
from search.engines import database_engine
from tests.content.test_import import analysis, need
from tests.subprocesses import run_python

pytestmark = pytest.mark.django_db


def write_manifest(directory: Path, records: list[dict], files: dict | None = None) -> Path:
    lines = [json.dumps(record) for record in records]
    (directory / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, content in (files or {}).items():
        (directory / name).write_bytes(content)
    return directory


@pytest.fixture
def chunks_of_two(monkeypatch):
    monkeypatch.setattr("content.importer.CHUNK_RECORDS", 2)
    # Chunks end on the record count alone, however slow the machine is today.
    monkeypatch.setattr("content.importer.CHUNK_SECONDS", 3600)


def three_pairs(directory: Path) -> Path:
    records = []
    for number in range(1, 4):
        records += [analysis(f"a{number}"), need(f"n{number}", analyses=[f"a{number}"])]
    return write_manifest(directory, records)


def test_every_step_writes_in_chunks(tmp_path, chunks_of_two):
    summary = import_publications(three_pairs(tmp_path))
    # 6 records by 2: shells 3, content 3, going live 1, history and signals 3.
    assert summary.transactions == 10
    assert summary.longest_transaction > 0


def test_a_chunk_also_ends_after_chunk_seconds(tmp_path, monkeypatch):
    monkeypatch.setattr("content.importer.CHUNK_SECONDS", 0)
    summary = import_publications(three_pairs(tmp_path))
    # One record per transaction: 6 shells, 6 contents, 1 going live, 6 announcements.
    assert summary.transactions == 19


def test_the_new_pages_go_live_as_wagtails_publish_leaves_them(
    tmp_path, chunks_of_two, run_on_commit
):
    directory = three_pairs(tmp_path)
    staged = []

    def look(done: int, total: int) -> None:
        staged.append(
            AnalysisPage.objects.filter(external_id__startswith="a", live=True).count()
            + CompetenceNeedPage.objects.filter(external_id__startswith="n", live=True).count()
        )

    run_on_commit(import_publications, directory, progress=look)

    assert staged == [0] * 6
    for page in [*AnalysisPage.objects.all(), *CompetenceNeedPage.objects.all()]:
        if not (page.external_id or "").startswith(("a", "n")):
            continue
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert page.first_published_at and page.last_published_at
        # The row readers see is the revision's content, relations included.
        published = page.live_revision.as_object()
        assert published.title == page.title
        assert list(published.sectors.all()) == list(page.sectors.all())
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    # page_published reached the search index, the one path that keeps it fresh.
    keys = database_engine().health().keys
    assert {f"analysis-{page.pk}" for page in AnalysisPage.objects.live()} <= keys


def test_a_killed_import_is_finished_by_the_next(tmp_path, chunks_of_two, monkeypatch):
    directory = three_pairs(tmp_path)

    class Killed(BaseException):
        pass

    def killed(writer):
        raise Killed

    # A SIGKILL right before the pages go live: no undo, the staged drafts stay.
    with monkeypatch.context() as patch:
        patch.setattr(Writer, "_go_live", killed)
        patch.setattr(Writer, "undo", lambda writer: None)
        with pytest.raises(Killed):
            import_publications(directory)
    assert AnalysisPage.objects.filter(external_id__startswith="a", live=False).count() == 3

    summary = import_publications(directory)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 6, 0)
    assert AnalysisPage.objects.live().filter(external_id__startswith="a").count() == 3
    assert import_publications(directory).unchanged == 6


def test_a_need_kept_as_draft_is_unchanged_on_reimport(tmp_path):
    directory = write_manifest(tmp_path, [need(analyses=[])])
    import_publications(directory)
    again = import_publications(directory)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert not CompetenceNeedPage.objects.get(external_id="n1").live


def test_a_draft_import_stays_draft_and_publishes_when_imported_again(tmp_path):
    directory = write_manifest(tmp_path, [analysis()])
    import_publications(directory, draft=True)
    assert not AnalysisPage.objects.get(external_id="a1").live
    assert import_publications(directory, draft=True).unchanged == 1
    summary = import_publications(directory)
    assert summary.updated == 1
    assert AnalysisPage.objects.get(external_id="a1").live


def test_a_reimport_publishes_a_change_of_a_live_page_and_moves_it(tmp_path, chunks_of_two):
    directory = write_manifest(tmp_path, [analysis("a1")])
    import_publications(directory)
    write_manifest(tmp_path, [analysis("a1", title="Ny titel", region="09")])
    import_publications(directory)
    page = AnalysisPage.objects.get(external_id="a1")
    assert (page.title, page.region.code, page.live) == ("Ny titel", "09", True)
    assert page.url.startswith("/regioner/region-gotland/")
    assert page.live_revision_id == page.latest_revision_id


def test_command_tells_the_longest_transaction_at_verbosity_2(tmp_path):
    out = io.StringIO()
    call_command(
        "import_publications", str(three_pairs(tmp_path)), verbosity=2, stdout=out, stderr=out
    )
    assert "Skrivtransaktioner: " in out.getvalue()
    assert ", den längsta " in out.getvalue()


LOWER_PRIORITY = """
import os
import django

django.setup()
from content.management.commands.import_publications import lower_priority

before = os.nice(0)
lower_priority()
print(os.nice(0) - before)
"""


def test_the_import_command_runs_below_the_web_workers():
    result = run_python(
        "-c",
        LOWER_PRIORITY,
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        PORTAL_IMPORT_NICENESS="10",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "10"


def test_a_negative_niceness_is_refused(tmp_path):
    with pytest.raises(CommandError, match="kan inte vara negativt"):
        call_command("import_publications", str(three_pairs(tmp_path)), "--niceness", "-5")

"""An aborted import leaves no attachment files behind, and a re-import stores one copy (issue 11).

Before: the importer stored each attachment file while its transaction was still open; a
failed or killed import rolled the Document rows back but kept the files, and the re-import,
finding no row with that hash, stored second copies next to them.
"""

import os
import signal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model

from content.importer import import_publications
from content.models import AnalysisPage
from tests.content.test_import import analysis, manifest  # noqa: F401 (fixture)
from tests.pdfs import text_pdf

pytestmark = pytest.mark.django_db

Document = get_document_model()


class Interrupted(Exception):
    """Stands for anything that stops an import half-way: an error, Ctrl-C, a SIGTERM."""


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


def stored_files(media: Path) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


@pytest.fixture
def two_reports(manifest):  # noqa: F811
    return manifest(
        [
            analysis("a1", attachments=["rapport-1.pdf"]),
            analysis("a2", attachments=["rapport-2.pdf"]),
        ],
        {
            "rapport-1.pdf": text_pdf(["Första rapporten"]),
            "rapport-2.pdf": text_pdf(["Andra rapporten"]),
        },
    )


def interrupt_after_first(done: int, total: int) -> None:
    if done == 1:
        raise Interrupted


def test_an_import_stopped_half_way_leaves_no_files_and_no_rows(media, two_reports):
    with pytest.raises(Interrupted):
        import_publications(two_reports, progress=interrupt_after_first)
    assert not Document.objects.exists()
    assert not AnalysisPage.objects.filter(external_id__in=["a1", "a2"]).exists()
    assert stored_files(media) == []


def test_a_sigterm_stops_the_command_and_leaves_no_files(media, two_reports, monkeypatch):
    def terminate_after_first(done: int, total: int) -> None:
        if done == 1:
            os.kill(os.getpid(), signal.SIGTERM)

    def outside_the_command(signum, frame):
        # Without the command's own handler the signal lands here (and not in pytest's lap).
        raise Interrupted

    previous = signal.signal(signal.SIGTERM, outside_the_command)
    monkeypatch.setattr(
        "content.management.commands.import_publications.Command.progress",
        lambda command, done, total: terminate_after_first(done, total),
    )
    try:
        with pytest.raises(SystemExit):
            call_command("import_publications", str(two_reports))
        assert signal.getsignal(signal.SIGTERM) is outside_the_command
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_a_reimport_after_a_killed_import_stores_one_copy_and_no_orphans(media, two_reports):
    # A SIGKILL gives no chance to clean up: the transaction never commits, the files stay.
    # The same state, made by rolling back around an import that ran to its end:
    with pytest.raises(Interrupted), transaction.atomic():
        import_publications(two_reports)
        raise Interrupted
    assert not Document.objects.exists()
    assert len(stored_files(media)) == 2

    summary = import_publications(two_reports)

    assert summary.created == 2
    documents = list(Document.objects.order_by("title"))
    assert len(documents) == 2
    assert stored_files(media) == sorted(document.file.name for document in documents)
    assert [Path(document.file.name).name for document in documents] == [
        "rapport-1.pdf",
        "rapport-2.pdf",
    ]


def test_an_unchanged_reimport_stores_nothing_new(media, two_reports):
    import_publications(two_reports)
    before = stored_files(media)
    import_publications(two_reports)
    assert stored_files(media) == before
    assert Document.objects.count() == 2

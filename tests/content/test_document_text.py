"""Text extraction from attached PDFs, and what editors are told when it cannot be done."""

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from content.document_text import CORRUPT, ENCRYPTED, NO_TEXT, extract_pdf_text
from content.models import AnalysisAttachment, DocumentText
from tests.factories import AnalysisPageFactory, SuperuserFactory
from tests.pdfs import corrupt_pdf, encrypted_pdf, image_only_pdf, text_pdf

pytestmark = pytest.mark.django_db(transaction=False)


def upload(name: str, content: bytes) -> Document:
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_text_is_extracted_page_by_page(run_on_commit):
    content = text_pdf(["Kompetensförsörjning i Västernorrland"], pages=3)
    document = run_on_commit(lambda: upload("rapport.pdf", content))
    record = DocumentText.objects.get(document=document)
    assert record.status == DocumentText.Status.DONE
    assert record.page_count == 3
    assert "Kompetensförsörjning i Västernorrland (sida 3)" in record.text
    assert record.message == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [(corrupt_pdf(), CORRUPT), (encrypted_pdf(), ENCRYPTED), (image_only_pdf(), NO_TEXT)],
    ids=["corrupt", "encrypted", "image-only"],
)
def test_unreadable_pdfs_are_recorded_with_a_clear_message(run_on_commit, content, message):
    document = run_on_commit(lambda: upload("problem.pdf", content))
    record = DocumentText.objects.get(document=document)
    assert record.status == DocumentText.Status.FAILED
    assert record.message == message
    assert record.text == ""


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_restricted_only_by_an_owner_password_is_read(algorithm):
    result = extract_pdf_text(io.BytesIO(encrypted_pdf("", algorithm=algorithm)))
    assert result.status == DocumentText.Status.DONE
    assert "Konfidentiellt" in result.text


def test_extraction_is_capped():
    result = extract_pdf_text(io.BytesIO(text_pdf(["x" * 80], pages=20)), max_chars=500)
    assert result.truncated
    assert len(result.text) <= 500


def test_other_file_types_are_not_read(run_on_commit):
    document = run_on_commit(lambda: upload("tabell.csv", b"a;b\n1;2\n"))
    assert DocumentText.objects.get(document=document).status == DocumentText.Status.UNSUPPORTED


def test_unchanged_file_is_not_extracted_again(run_on_commit):
    document = run_on_commit(lambda: upload("rapport.pdf", text_pdf(["Första"])))
    first = DocumentText.objects.get(document=document).extracted_at
    document.title = "Nytt namn"
    run_on_commit(document.save)
    assert DocumentText.objects.get(document=document).extracted_at == first


def test_broken_attachment_never_blocks_publishing_and_the_editor_is_told(
    run_on_commit, admin_login, client
):
    document = run_on_commit(lambda: upload("trasig.pdf", corrupt_pdf()))
    analysis = AnalysisPageFactory(region="22")
    analysis.attachments = [AnalysisAttachment(document=document)]
    analysis.save_revision().publish()

    public = client.get(analysis.url)
    assert public.status_code == 200
    assert "trasig.pdf" in public.text or document.title in public.text

    editor_view = admin_login(SuperuserFactory()).get(f"/admin/pages/{analysis.pk}/edit/")
    assert editor_view.status_code == 200
    assert "PDF-filen är trasig" in editor_view.text

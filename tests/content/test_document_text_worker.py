"""A PDF uploaded in the admin becomes searchable once the background worker extracted it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.documents.models import Document
from wagtail.models import Collection

from content.models import AnalysisAttachment, DocumentText
from tests.factories import AnalysisPageFactory, SuperuserFactory
from tests.pdfs import text_pdf

WORD = "bergborrningsteknik"


def hits(client) -> int:
    return client.get("/api/search/", {"q": WORD}).json()["count"]


@pytest.mark.django_db(transaction=True)
def test_uploaded_pdf_text_reaches_search_only_after_the_worker_ran(
    portal_site, task_worker, admin_login, client
):
    editor = admin_login(SuperuserFactory())
    upload = SimpleUploadedFile(
        "rapport.pdf", text_pdf([f"Regionen behöver {WORD} i gruvorna."]), "application/pdf"
    )
    response = editor.post(
        reverse("wagtaildocs:add"),
        {"title": "Gruvrapport", "file": upload, "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get(title="Gruvrapport")
    analysis = AnalysisPageFactory(region="22", title="Analys av gruvnäringen")
    analysis.attachments = [AnalysisAttachment(document=document)]
    analysis.save_revision().publish()

    assert DocumentText.objects.get(document=document).text == ""
    assert DBTaskResult.objects.filter(task_path="content.tasks.extract_document_text").exists()
    assert hits(client) == 0

    task_worker.run()

    assert WORD in DocumentText.objects.get(document=document).text
    assert hits(client) == 1
    # Every task the upload and the publish queued, Wagtail's own included, succeeded.
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()

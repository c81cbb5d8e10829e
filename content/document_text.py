"""Extract the text of uploaded PDFs for search, page by page and within a bounded size.

A corrupt, encrypted or image-only PDF is not an error for the portal: the outcome is recorded
on ``DocumentText`` with a message for the editor, and publishing goes on regardless.
"""

import hashlib
import logging
from dataclasses import dataclass
from typing import BinaryIO

from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from content.models import DocumentText

logger = logging.getLogger(__name__)

# The stored text is capped so a huge report cannot exhaust memory or bloat the index; the
# first two million characters (several hundred pages) carry what search needs.
MAX_TEXT_CHARS = 2_000_000

CORRUPT = (
    "PDF-filen är trasig eller inte en giltig PDF, så texten kunde inte läsas. "
    "Ladda upp filen igen eller exportera den på nytt som PDF."
)
ENCRYPTED = (
    "PDF-filen är lösenordsskyddad, så texten kunde inte läsas för sökningen. "
    "Ladda upp en version utan lösenord."
)
NO_TEXT = (
    "PDF-filen innehåller ingen läsbar text (troligen inskannade bilder). Den går att "
    "ladda ner men inte att söka i; ladda gärna upp en version med text."
)


@dataclass(frozen=True)
class Extraction:
    status: str
    message: str = ""
    text: str = ""
    page_count: int | None = None
    truncated: bool = False


def extract_pdf_text(file: BinaryIO, *, max_chars: int = MAX_TEXT_CHARS) -> Extraction:
    try:
        reader = PdfReader(file)
        if reader.is_encrypted and not reader.decrypt(""):
            return Extraction(DocumentText.Status.FAILED, ENCRYPTED)
        parts: list[str] = []
        size = 0
        truncated = False
        page_count = len(reader.pages)
        for page in reader.pages:
            text = page.extract_text() or ""
            if size + len(text) > max_chars:
                parts.append(text[: max_chars - size])
                truncated = True
                break
            parts.append(text)
            size += len(text)
    except (FileNotDecryptedError, NotImplementedError):
        # pypdf raises NotImplementedError for encryption schemes it cannot decrypt.
        return Extraction(DocumentText.Status.FAILED, ENCRYPTED)
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
        return Extraction(DocumentText.Status.FAILED, CORRUPT)
    text = "\n".join(part.strip() for part in parts if part.strip())[:max_chars]
    if not text:
        return Extraction(DocumentText.Status.FAILED, NO_TEXT, page_count=page_count)
    return Extraction(
        DocumentText.Status.DONE, text=text, page_count=page_count, truncated=truncated
    )


def file_sha256(file: BinaryIO) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def update_document_text(document) -> DocumentText:
    """(Re)extract ``document``'s text unless its file is unchanged since the last time."""
    record, _ = DocumentText.objects.get_or_create(document=document)
    if document.file_extension.lower() != "pdf":
        record.status, record.message, record.text = DocumentText.Status.UNSUPPORTED, "", ""
        record.save()
        return record
    with document.file.open("rb") as file:
        file_hash = file_sha256(file)
        if record.file_hash == file_hash and record.status != DocumentText.Status.PENDING:
            # Saving a document's title re-sends post_save; an unchanged file is not re-read.
            return record
        try:
            result = extract_pdf_text(file)
        except Exception:
            # pypdf meets many kinds of broken files; none may take the upload down with it.
            logger.exception("Text extraction failed for document %s", document.pk)
            result = Extraction(DocumentText.Status.FAILED, CORRUPT)
    record.status = result.status
    record.message = result.message
    record.text = result.text
    record.page_count = result.page_count
    record.truncated = result.truncated
    record.file_hash = file_hash
    record.extracted_at = timezone.now()
    record.save()
    return record

"""PDF files made on the fly for tests and benchmarks: with text, image-only, encrypted, broken."""

import io

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter


def text_pdf(paragraphs: list[str], *, pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number in range(pages):
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, f"{paragraph} (sida {number + 1})", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A page with drawing only, as a scanned report has no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(20, 20, 150, 200, style="F")
    return bytes(pdf.output())


def encrypted_pdf(password: str = "hemligt", *, algorithm: str = "AES-256") -> bytes:
    """Encrypted; with an empty user password it opens without one (only an owner password)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(["Konfidentiellt"]))))
    writer.encrypt(user_password=password, owner_password="agare", algorithm=algorithm)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def corrupt_pdf() -> bytes:
    return text_pdf(["Trasig"])[:300] + b"\x00\xff garbage without xref"

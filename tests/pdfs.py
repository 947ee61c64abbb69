"""PDFs for the tests: pages that say what they are, and one the dossier cannot merge."""

from io import BytesIO
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def pages(title, count):
    """A PDF of ``count`` pages, each saying its title and number."""
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for number in range(1, count + 1):
        page.drawString(72, 770, f"{title}, page {number}")
        page.showPage()
    page.save()
    return buffer.getvalue()


def flat(text):
    """Text without its blanks: what a PDF's text extraction keeps of it, wherever lines break."""
    return "".join(text.split())


def encrypted_pdf(user_password=""):
    """Encrypted, by default with an empty user password: it opens without one, yet cannot be merged."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password=user_password, owner_password="owner")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()

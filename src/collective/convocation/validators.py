"""Field constraints shared by the content schemas.

They raise ``Invalid`` with a message translated into French, so that add and
edit forms and the REST API refuse bad input before anything is stored.
"""

from collective.convocation import _
from collective.convocation.pdf import EMPTY
from collective.convocation.pdf import ENCRYPTED
from collective.convocation.pdf import NOT_A_PDF
from collective.convocation.pdf import pdf_problem
from zope.interface import Invalid

import re


LOGIN_SUFFIX = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
AGENDA_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)*$")

PDF_MESSAGES = {
    EMPTY: _("The file is empty. Please choose a PDF file."),
    NOT_A_PDF: _(
        "This file is not a readable PDF. Please export the document as PDF and upload it again."
    ),
    ENCRYPTED: _(
        "This PDF is protected by a password or encrypted: it could not be merged "
        "into the séance dossier. Please upload a version without protection."
    ),
}


def valid_login_suffix(value):
    if not LOGIN_SUFFIX.match(value):
        raise Invalid(
            _(
                "The login suffix may only hold lowercase letters without accents, "
                "digits and single hyphens, for example « saint-demo »."
            )
        )
    return True


def valid_agenda_number(value):
    if not AGENDA_NUMBER.match(value):
        raise Invalid(
            _("The item number is made of digits separated by dots, for example « 2 » or « 2.1 ».")
        )
    return True


def readable_pdf(value):
    problem = pdf_problem(value.data)
    if problem:
        raise Invalid(PDF_MESSAGES[problem])
    return True

"""Field constraints shared by the content schemas.

They raise ``Refused`` with a message translated into French, so that add and
edit forms and the REST API refuse bad input before anything is stored.
"""

from collective.convocation import _
from collective.convocation.core.pdf import EMPTY
from collective.convocation.core.pdf import ENCRYPTED
from collective.convocation.core.pdf import NOT_A_PDF
from collective.convocation.core.pdf import pdf_problem
from zope.schema import ValidationError

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


class Refused(ValidationError):
    """A value refused, with the reason to show.

    A ValidationError, not a bare Invalid: plone.restapi answers the latter
    from a field's constraint with an error 500 and the English msgid.
    """

    def doc(self):
        return self.args[0]  # what z3c.form and plone.restapi show


def valid_login_suffix(value):
    if not LOGIN_SUFFIX.match(value):
        raise Refused(
            _(
                "The login suffix may only hold lowercase letters without accents, "
                "digits and single hyphens, for example « saint-demo »."
            )
        )
    return True


def valid_agenda_number(value):
    if not AGENDA_NUMBER.match(value):
        raise Refused(
            _("The item number is made of digits separated by dots, for example « 2 » or « 2.1 ».")
        )
    return True


def readable_pdf(value):
    problem = pdf_problem(value.data)
    if problem:
        raise Refused(PDF_MESSAGES[problem])
    return True


def mergeable_document(value):
    """A file added to a séance (annex, minutes) that claims to be a PDF must be one the dossier can merge.

    Other files (a spreadsheet, say) are kept: the dossier lists them.
    """
    claims_pdf = (getattr(value, "filename", "") or "").lower().endswith(
        ".pdf"
    ) or value.contentType == "application/pdf"
    if claims_pdf:
        readable_pdf(value)
    return True

"""The séance's minutes (procès-verbal): one PDF of its own, added once the séance has started."""

from collective.convocation import _
from collective.convocation.content.validators import readable_pdf
from collective.convocation.content.validators import Refused
from collective.convocation.core import legal
from collective.convocation.core.dates import moment
from collective.convocation.operations import journal
from collective.convocation.operations.rules import ActionRefused
from datetime import datetime
from datetime import UTC
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.i18nmessageid import Message


MINUTES_TITLE = "Procès-verbal"


def minutes_of(seance):
    return getattr(seance, "minutes_file", None)


def minutes_link(seance):
    """The minutes as a page links them (shown in the browser), or None before they are added."""
    file = minutes_of(seance)
    if file is None:
        return None
    return {
        "url": f"{seance.absolute_url()}/@@display-file/minutes_file",
        "filename": file.filename or "proces-verbal.pdf",
        "size": round(file.getSize() / 1024) or 1,  # KB
    }


def minutes_refusal(seance, now=None):
    """Why minutes cannot be added now (in French), or None: not before the séance starts."""
    if legal.has_started(seance.start, now or datetime.now(UTC)):
        return None
    return api.portal.translate(
        Message(
            _("The minutes can be added once the séance has started, from ${start}."),
            mapping={"start": moment(seance.start)},
        )
    )


def set_minutes(seance, data, filename, now=None):
    """Store ``data`` as the séance's minutes and journal it; True when it replaced earlier ones.

    Refused (ActionRefused, in French) before the séance starts or when ``data`` is no readable PDF.
    """
    refusal = minutes_refusal(seance, now)
    if refusal is not None:
        raise ActionRefused(refusal)
    file = NamedBlobFile(
        data=data or b"", contentType="application/pdf", filename=filename or "proces-verbal.pdf"
    )
    try:
        readable_pdf(file)
    except Refused as refused:
        raise ActionRefused(api.portal.translate(refused.doc())) from None
    replaced = minutes_of(seance) is not None
    seance.minutes_file = file
    seance.setModificationDate()
    seance.reindexObject(idxs=["modified"])
    journal.record(
        seance,
        "minutes-replaced" if replaced else "minutes-added",
        documents=[journal.described(MINUTES_TITLE, file)],
    )
    return replaced

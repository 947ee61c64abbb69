"""The attendance sheet of a séance: the Plone side of exports/emargement."""

from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.exports.emargement import emargement_csv
from collective.convocation.exports.emargement import emargement_pdf
from collective.convocation.exports.emargement import Row
from collective.convocation.exports.emargement import Sitting
from collective.convocation.mailing import person
from collective.convocation.sending import convocations
from collective.convocation.vocabularies import actual_attendances
from collective.convocation.vocabularies import attendances
from collective.convocation.vocabularies import term_title
from plone.app.uuid.utils import uuidToObject


def rows(seance):
    """(officials, invitees) as exports/emargement's rows."""
    officials, invitees = [], []
    for convocation in convocations(seance):
        names = person(convocation.recipient)
        mandate = (
            uuidToObject(convocation.mandate, unrestricted=True) if convocation.mandate else None
        )
        row = Row(
            last_name=names["nom"],
            first_name=names["prenom"],
            function=mandate.function if mandate is not None else "",
            group=(mandate.group or "") if mandate is not None else "",
            sent=convocation.sent_at,
            received=convocation.received_at,
            attendance=term_title(attendances, convocation.attendance, seance),
            proxy_holder=person(convocation.proxy_holder)["fullname"]
            if convocation.proxy_holder
            else "",
            actual=term_title(actual_attendances, convocation.actual, seance),
        )
        (invitees if convocation.category == "invitation" else officials).append(row)
    return officials, invitees


def sheet(seance, kind):
    """(bytes, content type, filename) of the attendance sheet as "csv" or "pdf"."""
    officials, invitees = rows(seance)
    if kind == "csv":
        return (
            emargement_csv(officials, invitees),
            "text/csv; charset=utf-8",
            f"emargement-{seance.getId()}.csv",
        )
    assembly = ancestor(seance, IAssembly)
    sitting = Sitting(
        ancestor(assembly, ICollectivity).title,
        assembly.title,
        seance.Title(),
        seance.start,
        seance.location or "",
    )
    return (
        emargement_pdf(sitting, officials, invitees),
        "application/pdf",
        f"emargement-{seance.getId()}.pdf",
    )

from collective.convocation.content.seance import convocations
from collective.convocation.core.exports.table import csv_bytes
from collective.convocation.operations.documents import attachment
from collective.convocation.operations.people import person
from collective.convocation.operations.questionnaire import answers_of
from collective.easyform.api import get_schema
from plone.base.utils import safe_text
from Products.Five.browser import BrowserView
from zope.schema import getFieldsInOrder


class QuestionnaireAnswersCSV(BrowserView):
    """The answers of a séance's questionnaire, one line per recipient who answered, by last name."""

    def __call__(self):
        form = self.context
        fields = getFieldsInOrder(get_schema(form))
        rows = []
        for convocation in convocations(form.aq_parent):
            answers = answers_of(convocation).get(form.UID())
            if answers is None:
                continue
            names = person(convocation.recipient)
            rows.append(
                [names["nom"], names["prenom"], *(answers.get(name, "") for name, _field in fields)]
            )
        header = ["Nom", "Prénom", *(safe_text(field.title) for _name, field in fields)]
        body = csv_bytes(header, sorted(rows, key=lambda row: (row[0].lower(), row[1].lower())))
        return attachment(
            self.request.response, body, "text/csv; charset=utf-8", f"{form.getId()}-reponses.csv"
        )

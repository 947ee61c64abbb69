"""Questionnaires of a séance (collective.easyform): each official's answers belong to their convocation.

An agent adds a form to a séance (« Participerez-vous au repas ? »). It opens
to the recipients with the other documents, once they have acknowledged
receipt; an answer is kept on the official's Convocation, and can be given
again until the séance starts; the agent exports them all as CSV.
"""

from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.convocation import recipient_id
from collective.convocation.content.seance import ISeance
from collective.convocation.operations.answers import is_open
from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from collective.easyform.config import FORM_ERROR_MARKER
from persistent.mapping import PersistentMapping
from plone import api
from plone.supermodel.exportimport import BaseHandler
from zope.annotation.interfaces import IAnnotations


ANSWERS = (
    "collective.convocation.questionnaires"  # annotation on the Convocation: form UID -> answers
)

ACTIONS_MODEL = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="convocation_answers" type="collective.convocation.questionnaire.ConvocationAnswers">
      <title>Réponses rattachées à la convocation</title>
    </field>
  </schema>
</model>
"""


def answers_of(convocation):
    """Every questionnaire answer of this convocation: {form UID: {field: value}}."""
    return IAnnotations(convocation).get(ANSWERS, {})


class ConvocationAnswers(Action):
    """An easyform action: keep the answers on the official's convocation."""

    def onSuccess(self, fields, request):
        form = get_context(self)
        seance = ancestor(form, ISeance)
        userid = None if api.user.is_anonymous() else api.user.get_current().getId()
        convocation = seance.get(recipient_id(userid)) if (seance is not None and userid) else None
        if convocation is None:
            return {
                FORM_ERROR_MARKER: api.portal.translate(
                    _("Only the recipients of the séance answer it.")
                )
            }
        if not is_open(convocation):
            return {
                FORM_ERROR_MARKER: api.portal.translate(
                    _("The séance has started: the answers can no longer change.")
                )
            }
        stored = IAnnotations(convocation).setdefault(ANSWERS, PersistentMapping())
        stored[form.UID()] = {name: self.serialize(value) for name, value in fields.items()}


ConvocationAnswersAction = ActionFactory(
    ConvocationAnswers,
    _("Answers kept on the convocation"),
    "collective.easyform.AddDataSavers",
)
ConvocationAnswersHandler = BaseHandler(ConvocationAnswers)

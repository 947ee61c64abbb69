"""A questionnaire added to a séance keeps its answers on the convocations."""

from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.operations.questionnaire import ACTIONS_MODEL


def keep_answers_on_convocations(form, event):
    """A form added to a séance keeps its answers on the convocations, and mails nobody."""
    if ancestor(form, ISeance) is not None:
        form.actions_model = ACTIONS_MODEL

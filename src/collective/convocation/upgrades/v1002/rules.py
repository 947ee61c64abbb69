"""1001 → 1002 (rules at the point of action): seance_workflow's new guard and cancel form.

« Classer » is guarded until the séance starts, and « Annuler la séance » opens the
state-change form that asks for the reason (the workflow definition); « Notifier à
nouveau » asks the same rule as its form and REST service (actions.xml).
"""

PROFILE = "profile-collective.convocation:default"


def upgrade(context):
    context.runImportStepFromProfile(PROFILE, "workflow")
    context.runImportStepFromProfile(PROFILE, "actions")

"""1001 → 1002 (rules at the point of action): seance_workflow's new guard and cancel form.

« Classer » is guarded until the séance starts, and « Annuler la séance » opens the
state-change form that asks for the reason; both live in the workflow definition.
"""


def upgrade(context):
    context.runImportStepFromProfile("profile-collective.convocation:default", "workflow")

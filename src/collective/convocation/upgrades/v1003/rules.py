"""Issue 11: a séance that has begun is no longer cancelled; seance_workflow's cancel guard says so."""

PROFILE = "profile-collective.convocation:default"


def upgrade(context):
    context.runImportStepFromProfile(PROFILE, "workflow")

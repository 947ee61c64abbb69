from collective.convocation.operations import rules
from collective.convocation.services.errors import refuse
from plone.restapi.deserializer import json_body
from plone.restapi.services.workflow.transition import WorkflowTransition


class SeanceTransition(WorkflowTransition):
    """POST <séance>/@workflow/<transition>: a refused transition is a 400 with the French reason.

    plone.restapi answers « No workflow provides the 'archive' action » when the guard
    withholds it; the rule says why, before anything is written.
    """

    def reply(self):
        if self.transition is not None:
            data = json_body(self.request)
            comment = data.get("comment", "") if isinstance(data, dict) else ""
            refusal = rules.transition_refusal(
                self.context, self.transition, comment if isinstance(comment, str) else ""
            )
            if refusal is not None:
                return refuse(self.request, refusal, kind="WorkflowException")
        return super().reply()

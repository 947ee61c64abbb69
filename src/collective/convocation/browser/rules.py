"""The séance's rules where Classic UI asks: guard, actions, state-change form, folder contents."""

from collective.convocation.content.seance import ISeance
from collective.convocation.operations import rules
from plone import api
from plone.app.content.browser.content_status_modify import ContentStatusModifyView
from plone.app.content.browser.contents.workflow import WorkflowActionView
from plone.app.content.browser.folder_publish import FolderPublishView
from plone.protect import CheckAuthenticator
from plone.protect import PostOnly
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from urllib.parse import urlencode

import transaction


class SeanceRules(BrowserView):
    """What seance_workflow's guard and the actions' conditions call (they cannot import a module)."""

    def archive_allowed(self):
        return rules.may_archive(self.context)

    def cancel_allowed(self):
        return rules.may_cancel(self.context)

    def notified(self):
        """« Notifier à nouveau » and the like: only while the séance is notified."""
        return rules.is_notified(self.context)


def refuse(view, workflow_action, refusal, comment=""):
    """Back to the state-change form, the French reason on top, nothing of the attempt kept."""
    transaction.doom()
    api.portal.show_message(refusal, view.request, type="error")
    query = urlencode({"workflow_action": workflow_action, "comment": comment or ""})
    return view.request.response.redirect(
        f"{view.context.absolute_url()}/content_status_history?{query}"
    )


class SeanceStatusModify(ContentStatusModifyView):
    """content_status_modify on a séance (the workflow menu's links): a refused transition says why.

    Plone's own view skips a transition the guard withholds and still says « state changed »,
    and lets the refusal of a before-transition subscriber end in an error page.
    """

    def __call__(self, workflow_action=None, comment="", *args, **kwargs):
        CheckAuthenticator(self.request)  # as Plone's view does, before saying anything
        refusal = workflow_action and rules.transition_refusal(
            self.context, workflow_action, comment
        )
        if not refusal:
            try:
                return super().__call__(workflow_action, comment, *args, **kwargs)
            except WorkflowException as refused:
                refusal = str(refused)
        return refuse(self, workflow_action, refusal, comment)


class SeancePublish(FolderPublishView):
    """folder_publish on a séance (the state-change form's button, with its comment).

    Plone's view counts a refused transition as done; the rule is asked first.
    """

    def __call__(self, workflow_action=None, paths=None, comment="", *args, **kwargs):
        refusal = workflow_action and rules.transition_refusal(
            self.context, workflow_action, comment
        )
        if refusal:
            PostOnly(self.request)
            CheckAuthenticator(self.request)
            return refuse(self, workflow_action, refusal, comment)
        if "content_status_history" in self.request.get("orig_template", ""):
            # Sent again after a refusal: land on the séance, not on a form it may no longer offer.
            self.request.set("orig_template", self.context.absolute_url())
        return super().__call__(workflow_action, paths, comment, *args, **kwargs)


class AssemblyContentsWorkflow(WorkflowActionView):
    """Folder contents' « State » on an assembly's séances: a refused transition says why, in French.

    Plone's view reports only « Could not transition » (and the archive guard hides nothing
    it cannot do); the rule is asked before anything is written.
    """

    def action(self, obj, bypass_recurse=False):
        if ISeance.providedBy(obj) and self.transition_id:
            refusal = rules.transition_refusal(obj, self.transition_id, self.comments)
            if refusal:
                self.errors.append(f"{obj.Title()} : {refusal}")
                return
        return super().action(obj, bypass_recurse)

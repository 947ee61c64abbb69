from Acquisition import aq_chain
from Acquisition import aq_inner
from collective.convocation.content.seance import ISeance
from plone.app.contenttypes.interfaces import IFile
from plone.base.interfaces import IWorkflowChain
from Products.CMFCore.interfaces import IWorkflowTool
from Products.CMFPlone.workflow import ToolWorkflowChain
from zope.component import adapter
from zope.interface import implementer


@adapter(IFile, IWorkflowTool)
@implementer(IWorkflowChain)
def document_chain(document, tool):
    """The files and forms of a séance (annexes, minutes, questionnaires) follow seance_document_workflow.

    Whatever the site gives File elsewhere: they open to a recipient once
    their receipt is recorded, and edit as the séance's state allows.
    """
    if any(ISeance.providedBy(parent) for parent in aq_chain(aq_inner(document))):
        return ("seance_document_workflow",)
    return ToolWorkflowChain(document, tool)

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
    """The files of a séance (annexes, minutes) have no workflow of their own.

    They acquire the séance's permissions, so that they are visible to its
    recipients once it is sent and read-only once it is archived. Plone binds
    no workflow to File, but a site may have given it one.
    """
    if any(ISeance.providedBy(parent) for parent in aq_chain(aq_inner(document))):
        return ()
    return ToolWorkflowChain(document, tool)

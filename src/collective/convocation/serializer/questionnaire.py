from collective.convocation.interfaces import IBrowserLayer
from collective.easyform.interfaces import IEasyForm
from collective.easyform.serializer import SerializeToJson
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson as DXContentToJson
from zope.component import adapter
from zope.interface import implementer

import AccessControl


# The permission's title: Zope checks permissions by title. collective.easyform's
# serializer passes the id, which plone.api refuses with an error (a 500) for
# anyone who lacks it, such as an agent adding a questionnaire over REST.
DOWNLOAD_SAVED_INPUT = "collective.easyform: Download Saved Input"


@implementer(ISerializeToJson)
@adapter(IEasyForm, IBrowserLayer)
class QuestionnaireToJson(SerializeToJson):
    """An EasyForm as JSON; its saved data for those allowed to download it."""

    def __call__(self, version=None, include_items=True):
        result = DXContentToJson.__call__(self, version, include_items)
        if AccessControl.getSecurityManager().checkPermission(DOWNLOAD_SAVED_INPUT, self.context):
            self.serializeSavedData(result)
        return result

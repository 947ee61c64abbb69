from collective.convocation.privacy import notices
from collective.convocation.privacy.anonymise import retention_months
from plone import api
from plone.restapi.services import Service


class PrivacyNotice(Service):
    """GET <collectivity>/@privacy-notice: what its page shows, for a REST client to show it too.

    Public, like the page; for someone logged in, whether he acknowledged it.
    """

    def reply(self):
        collectivity = self.context
        reply = {
            "@id": f"{collectivity.absolute_url()}/@privacy-notice",
            "collectivity": collectivity.title,
            "notice": notices.notice_text(collectivity),
            "dpo": notices.dpo_contact(collectivity),
            "retention_months": retention_months(),
            "page": notices.notice_url(collectivity),
        }
        if not api.user.is_anonymous():
            userid = api.user.get_current().getId()
            reply["acknowledged"] = notices.acknowledged(collectivity, userid)
        return reply

from collective.convocation.operations import jobs
from collective.convocation.operations.tracking import progress
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service


class Sending(Service):
    """GET <séance>/@sending: where its last sending stands (« Envoi en cours : 150 / 500 »), light enough to poll."""

    def reply(self):
        return json_compatible(
            {
                "@id": f"{self.context.absolute_url()}/@sending",
                "sending": progress(jobs.latest(self.context)),
            }
        )

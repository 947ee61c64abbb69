from collective.convocation.operations.tracking import tracking
from dataclasses import asdict
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service


def tracking_json(seance):
    data = tracking(seance)
    return json_compatible(
        {
            "@id": f"{seance.absolute_url()}/@tracking",
            "sending": data["sending"],
            "counts": data["counts"],
            "notice": data["notice"],
            "quorum": data["quorum"],
            "recipients": [asdict(line) for line in data["lines"]],
        }
    )


class Tracking(Service):
    """GET <séance>/@tracking: what the agents' tracking viewlet shows, as JSON."""

    def reply(self):
        return tracking_json(self.context)

from collective.convocation.core.public_agenda import seance_json
from collective.convocation.core.public_agenda import split
from collective.convocation.operations.public_agenda import page_url
from collective.convocation.operations.public_agenda import public_seances
from datetime import datetime
from datetime import UTC
from plone.restapi.services import Service


class PublicAgenda(Service):
    """GET <collectivity>/@public-agenda: what its public page shows, without login."""

    def reply(self):
        collectivity = self.context
        url = collectivity.absolute_url()
        now = datetime.now(UTC)
        upcoming, recent = split(public_seances(collectivity, now), now)
        return {
            "@id": f"{url}/@public-agenda",
            "collectivity": collectivity.title,
            "page": page_url(collectivity),
            "ics": f"{url}/@@agenda.ics",
            "rss": f"{url}/@@agenda.rss",
            "upcoming": [seance_json(seance) for seance in upcoming],
            "recent": [seance_json(seance) for seance in recent],
        }

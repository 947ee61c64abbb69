"""The assembly's page: its séances first, then a link to its mandates (« Mandats »)."""

from collective.convocation import permissions
from collective.convocation.core.dates import day_and_time
from collective.convocation.core.dates import french_date
from collective.convocation.operations import home
from plone import api
from Products.Five.browser import BrowserView
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


class AssemblyView(BrowserView):
    periods = ("upcoming", "past")

    def seances(self):
        found = home.assembly_seances(self.context)
        for rows in found.values():
            for row in rows:
                row["when"] = day_and_time(row["start"])
                row["state_title"] = home.state_title(row["state"])
        return found

    def may_add_seance(self):
        return api.user.has_permission(permissions.AddSeance, obj=self.context)

    def may_add_mandate(self):
        return api.user.has_permission(permissions.AddMandate, obj=self.context)


class MandatesView(BrowserView):
    """« Mandats »: the members of the assembly, their function, seat and group."""

    def mandates(self):
        seats = getUtility(IVocabularyFactory, "collective.convocation.Seats")(self.context)
        found = home.mandates(self.context)
        for rows in found.values():
            for row in rows:
                row["seat_title"] = api.portal.translate(seats.getTerm(row["seat"]).title)
                row["since"] = french_date(row["start"]) if row["start"] else ""
                row["until"] = french_date(row["end"]) if row["end"] else ""
        return found

    def may_add_mandate(self):
        return api.user.has_permission(permissions.AddMandate, obj=self.context)

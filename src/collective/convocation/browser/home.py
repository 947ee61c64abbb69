"""The collectivity's home: for its agents, the séances to send, to follow and to close."""

from collective.convocation import _
from collective.convocation import permissions
from collective.convocation.core.dates import day_and_time
from collective.convocation.core.dates import french_date
from collective.convocation.core.wording import WEEKDAYS
from collective.convocation.operations import home
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView


def weekday_and_date(day):
    """« lundi 6 octobre 2030 »."""
    return f"{WEEKDAYS[day.weekday()]} {french_date(day)}"


def translated(msgid, **mapping):
    return api.portal.translate(_(msgid, mapping=mapping))


class CollectivityHome(BrowserView):
    """Agents get their work; anyone else who may see the collectivity, its title and assemblies."""

    @property
    @memoize
    def agent(self):
        return home.is_agent(self.context)

    @memoize
    def overview(self):
        found = home.overview(self.context)
        for seance in (
            *found["drafts"],
            *found["sent"],
            *found["waiting"],
            *(s for a in found["assemblies"] for s in a["upcoming"]),
        ):
            seance["when"] = day_and_time(seance["start"])
            seance["state_title"] = home.state_title(seance["state"])
        for seance in found["drafts"]:
            seance["deadline_text"] = self.deadline_text(seance["deadline"])
        for seance in found["sent"]:
            rates = seance["rates"]
            seance["receipts_text"] = translated(
                "${received} / ${recipients} receipts acknowledged",
                received=rates.received,
                recipients=rates.recipients,
            )
            seance["answers_text"] = translated(
                "${answered} / ${recipients} answers",
                answered=rates.answered,
                recipients=rates.recipients,
            )
        return found

    def deadline_text(self, deadline):
        """{"by": when to send at the latest, "left": the jours francs left, "late": a warning or ""}."""
        by = translated("To send by ${day}", day=weekday_and_date(deadline.last_day))
        if deadline.clear_days < 0:
            left = ""
        else:
            left = translated(
                "Clear days before the séance: ${days} (${required} required).",
                days=deadline.clear_days,
                required=deadline.required,
            )
        late = ""
        if deadline.passed:
            late = translated(
                "Deadline passed: sent today, the convocations would not give the required notice. "
                "Move the séance, or declare the urgency with its reason."
            )
        return {"by": by, "left": left, "late": late}

    def assemblies(self):
        """For everyone: the assemblies they may see."""
        return [
            {"title": assembly.title, "url": assembly.absolute_url()}
            for assembly in home.visible_assemblies(self.context)
        ]

    def account_links(self):
        if not api.user.has_permission(permissions.ManageAccounts, obj=self.context):
            return []
        url = self.context.absolute_url()
        return [
            {"title": translated("New account"), "url": f"{url}/@@add-account"},
            {"title": translated("Import accounts"), "url": f"{url}/@@import-accounts"},
        ]

    def other_collectivities(self):
        """The agent's other collectivities: the landing sends an agent of several to the first."""
        own = self.context.UID()
        return [
            {"title": each.title, "url": each.absolute_url()}
            for each in home.agent_collectivities()
            if each.UID() != own
        ]

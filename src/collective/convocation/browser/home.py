"""The collectivity's home: for its agents, the séances to send, to follow and to close."""

from collective.convocation import _
from collective.convocation import permissions
from collective.convocation.core.dates import day_and_time
from collective.convocation.core.wording import weekday_date
from collective.convocation.operations import home
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView


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
            seance["receipts_text"] = api.portal.translate(
                _(
                    "${received} / ${recipients} receipts acknowledged",
                    mapping={"received": rates.received, "recipients": rates.recipients},
                )
            )
            seance["answers_text"] = api.portal.translate(
                _(
                    "${answered} / ${recipients} answers",
                    mapping={"answered": rates.answered, "recipients": rates.recipients},
                )
            )
        return found

    def deadline_text(self, deadline):
        """{"by": when to send at the latest, "left": the jours francs left, "late": a warning or ""}."""
        by = api.portal.translate(
            _("To send by ${day}", mapping={"day": weekday_date(deadline.last_day)})
        )
        if deadline.clear_days < 0:
            left = ""
        else:
            left = api.portal.translate(
                _(
                    "Clear days before the séance: ${days} (${required} required).",
                    mapping={"days": deadline.clear_days, "required": deadline.required},
                )
            )
        late = ""
        if deadline.passed:
            late = api.portal.translate(
                _(
                    "Deadline passed: sent today, the convocations would not give the required "
                    "notice. Move the séance, or declare the urgency with its reason."
                )
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
            {"title": api.portal.translate(_("New account")), "url": f"{url}/@@add-account"},
            {
                "title": api.portal.translate(_("Import accounts")),
                "url": f"{url}/@@import-accounts",
            },
        ]

    def other_collectivities(self):
        """The agent's other collectivities: the landing sends an agent of several to the first."""
        own = self.context.UID()
        return [
            {"title": each.title, "url": each.absolute_url()}
            for each in home.agent_collectivities()
            if each.UID() != own
        ]

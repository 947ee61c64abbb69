"""The theme made accessible from the add-on: its stylesheet, the toolbar for editors only, a personal menu.

Officials edit nothing: Plone's editing toolbar gave them only a hard-to-reach
personal menu, so they get a small one in the header instead (« Mes
convocations », their data, preferences, password, « Se déconnecter »).
"""

from collective.convocation import _
from collective.convocation.core.chrome import edits
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.annotation.interfaces import IAnnotations


def shows_toolbar(context, request):
    """Plone's toolbar for whoever edits here, or is an agent of a collectivity (so everywhere)."""
    if api.user.is_anonymous():
        return False
    cache = IAnnotations(request).setdefault("collective.convocation.toolbar", {})
    key = "/".join(context.getPhysicalPath())
    if key not in cache:
        user = api.user.get_current()
        cache[key] = edits(api.user.get_roles(user=user, obj=context)) or any(
            edits(api.user.get_roles(user=user, obj=brain.getObject()))
            for brain in api.content.find(portal_type="Collectivity")
        )
    return cache[key]


class Toolbar(ToolbarViewletManager):
    """plone.toolbar, rendered for editors only (an official's page has none, nothing to tab through)."""

    custom_template = ViewPageTemplateFile("templates/toolbar.pt")

    def render(self):
        if not shows_toolbar(self.context, self.request):
            return ""
        return super().render()


class Stylesheet(ViewletBase):
    """The add-on's accessibility stylesheet, and its script naming what patterns leave unnamed."""

    def render(self):
        static = f"{api.portal.get().absolute_url()}/++resource++collective.convocation"
        return (
            f'<link rel="stylesheet" href="{static}/a11y.css" />'
            f'<script defer src="{static}/a11y.js"></script>'
        )


class PersonalMenu(ViewletBase):
    """In the header, for the logged-in who have no toolbar: their pages and « Se déconnecter »."""

    index = ViewPageTemplateFile("templates/personal_menu.pt")

    def available(self):
        return not api.user.is_anonymous() and not shows_toolbar(self.context, self.request)

    def user_name(self):
        user = api.user.get_current()
        return user.getProperty("fullname", "") or user.getUserName()

    def links(self):
        portal = api.portal.get().absolute_url()
        translate = api.portal.translate
        return [
            {"title": translate(title), "url": f"{portal}/{page}", "id": page.strip("@")}
            for title, page in (
                (_("My convocations"), "@@mes-convocations"),
                (_("My preferences"), "@@personal-information"),
                (_("Change my password"), "@@change-password"),
                (_("Two-factor login"), "@@double-authentification"),
                (_("My data (JSON)"), "@@mes-donnees"),
                (_("Log out"), "logout"),
            )
        ]

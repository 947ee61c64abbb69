"""The demo profile: the Commune de Saint-Démo as the README describes it."""

from datetime import datetime
from plone import api
from zoneinfo import ZoneInfo

import pytest


@pytest.fixture
def demo(portal):
    api.portal.get_tool("portal_setup").runAllImportStepsFromProfile(
        "profile-collective.convocation:demo"
    )
    return portal["saint-demo"]


def unrestricted(**query):
    return api.content.find(unrestricted=True, **query)


def test_collectivity(demo):
    assert demo.title == "Commune de Saint-Démo"
    assert demo.login_suffix == "saint-demo"
    assert demo.population == 4200
    assert demo.applies_large_rules
    agent_roles = api.user.get_roles(username="camille.besson@saint-demo", obj=demo)
    assert {"ConvocationAdmin", "ConvocationAgent"} <= set(agent_roles)


def test_assemblies_and_mandates(demo):
    council = demo["conseil-municipal"]
    mandates = [obj for obj in council.objectValues() if obj.portal_type == "Mandate"]
    assert len(mandates) == 19
    functions = [mandate.function for mandate in mandates]
    assert functions.count("Maire") == 1
    assert (
        sum(
            function.startswith(("Adjoint", "Adjointe", "Premier adjoint"))
            for function in functions
        )
        == 5
    )
    assert sum(function.startswith("Conseill") for function in functions) == 13
    assert {mandate.group for mandate in mandates} == {"Saint-Démo Avenir", "Agir pour Saint-Démo"}
    assert [mandate.title for mandate in mandates if mandate.paper_convocation] == [
        "Noël Lambert — Conseiller municipal"
    ]
    committee = demo["commission-des-finances"]
    assert committee.title == "Commission des finances"
    assert len([obj for obj in committee.objectValues() if obj.portal_type == "Mandate"]) == 7


def test_accounts_log_in_with_the_readme_password(demo, app):
    officials = {
        mandate.official
        for mandate in demo["conseil-municipal"].objectValues()
        if mandate.portal_type == "Mandate"
    }
    assert len(officials) == 19
    assert "helene.marchand@saint-demo" in officials
    acl_users = api.portal.get_tool("acl_users")
    for login in ("helene.marchand@saint-demo", "camille.besson@saint-demo"):
        assert acl_users.authenticate(login, "Saint-Demo-2026", demo.REQUEST) is not None


def test_seances(demo):
    council = demo["conseil-municipal"]
    brains = unrestricted(
        portal_type="Seance", path="/".join(council.getPhysicalPath()), sort_on="seance_start"
    )
    past, upcoming = (brain._unrestrictedGetObject() for brain in brains)
    now = datetime.now(ZoneInfo("Europe/Paris"))
    assert api.content.get_state(upcoming) == "draft"
    assert upcoming.start > now and (upcoming.start - now).days < 62
    assert upcoming.convocation_file.contentType == "application/pdf"
    assert upcoming.synthesis_file is not None
    items = [obj for obj in upcoming.objectValues() if obj.portal_type == "AgendaItem"]
    assert [item.number for item in items] == ["1", "2", "3", "4", "5"]
    for item in items:
        assert item.main_file is not None
        assert [obj.portal_type for obj in item.objectValues()] == ["File"]

    assert api.content.get_state(past) == "archived"
    assert past.start < now and (now - past.start).days < 62
    convocations = unrestricted(portal_type="Convocation", path="/".join(past.getPhysicalPath()))
    assert len(convocations) == 19
    assert sum(brain.convocation_received for brain in convocations) == 18  # one on paper
    # The minutes in their own place, not a File among the documents
    assert past.minutes_file.filename == "proces-verbal.pdf"
    assert "proces-verbal.pdf" not in [
        obj.file.filename for obj in past.objectValues() if obj.portal_type == "File"
    ]


def test_the_addons_panel_offers_the_default_profile_only(installer):
    from plone.base.interfaces import INonInstallable
    from zope.component import getUtility

    assert (
        installer.get_install_profile("collective.convocation")["id"]
        == "collective.convocation:default"
    )
    assert (
        installer.get_uninstall_profile("collective.convocation")["id"]
        == "collective.convocation:uninstall"
    )
    hidden = getUtility(INonInstallable, "collective.convocation-hiddenprofiles")
    assert set(hidden.getNonInstallableProfiles()) == {
        "collective.convocation:demo",
        "collective.convocation:uninstall",
    }


def test_running_the_demo_twice_changes_nothing(demo, portal):
    before = len(unrestricted(path="/plone/saint-demo"))
    api.portal.get_tool("portal_setup").runAllImportStepsFromProfile(
        "profile-collective.convocation:demo"
    )
    assert len(unrestricted(path="/plone/saint-demo")) == before


def test_the_paper_recipient_has_an_address_and_was_posted(demo):
    from collective.convocation.operations.paper import paper_recipients

    seances = unrestricted(portal_type="Seance", review_state="archived")
    (past,) = [brain._unrestrictedGetObject() for brain in seances]
    (recipient,) = paper_recipients(past)
    assert recipient.addressee.name_line == "M. Noël Lambert"
    assert recipient.addressee.lines[-1] == "00000 Saint-Démo"
    assert recipient.posted_at > past.sent_at  # the day after the sending


def test_the_catalog_holds_each_convocation_once(functional, caplog):
    """The last convocation made is indexed at commit: no second record for it (the audit saw
    Maëlle Texier twice, « Destinataires 20 » on a council of 19)."""
    import transaction

    portal = functional["portal"]
    api.portal.get_tool("portal_setup").runAllImportStepsFromProfile(
        "profile-collective.convocation:demo"
    )
    transaction.commit()
    past = next(
        obj
        for obj in portal["saint-demo"]["conseil-municipal"].objectValues()
        if obj.portal_type == "Seance" and api.content.get_state(obj) == "archived"
    )
    objects = [obj for obj in past.objectValues() if obj.portal_type == "Convocation"]
    brains = unrestricted(portal_type="Convocation")
    assert len(objects) == len(brains) == 19
    assert len({brain.UID for brain in brains}) == len({brain.getPath() for brain in brains}) == 19
    assert {brain.UID for brain in brains} == {api.content.get_uuid(obj) for obj in objects}
    assert "already exists" not in caplog.text


def test_every_official_has_the_civility_of_his_first_name(demo):
    from collective.convocation.setuphandlers.demo import COUNCIL

    civilities = {}
    for mandate in demo["conseil-municipal"].objectValues():
        if mandate.portal_type == "Mandate":
            user = api.user.get(userid=mandate.official)
            civilities[user.getProperty("fullname")] = user.getProperty("civility")
    assert civilities == {f"{first} {last}": civility for civility, first, last, *_ in COUNCIL}
    assert civilities["Maëlle Texier"] == "Mme" and civilities["Noël Lambert"] == "M."
    camille = api.user.get(userid="camille.besson@saint-demo")
    assert camille.getProperty("civility") == "Mme"


def test_a_woman_reads_her_answer_in_the_feminine(demo, portal):
    from plone.app.testing import login

    login(portal, "amelie.roussel@saint-demo")
    view = api.content.get_view("mes-convocations", portal, portal.REQUEST)
    (archived,) = view.items("past")
    assert view.status(archived) == "Répondu : Présente"


def test_the_public_agenda_shows_last_months_seance(demo):
    """The séance of last month is public: its items but the fifth, their reports, one annex."""
    from collective.convocation.operations.public_agenda import public_seances

    (seance,) = public_seances(demo)
    assert seance.assembly == "Conseil municipal" and seance.session == "Séance publique"
    assert [item.number for item in seance.items] == ["1", "2", "3", "4"]
    documents = [document.title for item in seance.items for document in item.documents]
    assert documents == ["Rapport", "Rapport", "Annexe au point 2", "Rapport", "Rapport"]
    assert "Subventions aux associations" not in [item.title for item in seance.items]

"""The collectivity's home (issue 11): its agents' work, read from the catalog; the assembly's page and its mandates."""

from Acquisition import aq_base
from collective.convocation.interfaces import IBrowserLayer
from home_world import build_home
from lxml import html
from plone import api
from world import PASSWORD
from world import userid
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest
import requests
import transaction


def home_view(town, request):
    alsoProvides(request, IBrowserLayer)
    return getMultiAdapter((town, request), name="view")


@pytest.fixture
def home(world_of):
    found = build_home(world_of)
    transaction.commit()
    return found


def get(persona, url):
    auth = None if persona == "anonymous" else (userid(persona), PASSWORD)
    return requests.get(url, auth=auth, timeout=60)


def text(tree, selector_id):
    return " ".join(tree.xpath(f"string(//*[@id='{selector_id}'])").split())


def shown(persona, url):
    response = get(persona, url)
    assert response.status_code == 200, response.status_code
    return html.fromstring(response.text)


def test_the_agent_sees_what_to_send_to_follow_and_to_close(world_of, home):
    tree = shown("agent", world_of.town_a.absolute_url())
    assert tree.xpath("string(//h1)").strip() == "Ville A"

    upcoming = text(tree, "home-upcoming")
    assert upcoming.startswith("Prochaines séances Conseil municipal")
    assert "Séance draft Brouillon 1er juin 2030 à 18h30, Salle du conseil" in upcoming
    assert "Séance notified Convoquée 2 juin 2030 à 18h30, Salle du conseil" in upcoming
    for gone in ("Séance archived", "Séance cancelled", "Séance tenue"):
        assert gone not in upcoming

    drafts = text(tree, "home-drafts")
    assert "À envoyer au plus tard le mardi 28 mai 2030" in drafts
    assert "Délai dépassé" in drafts  # the draft two days away only
    late = tree.xpath("//*[@id='home-drafts']//article[.//a[text()='Séance pressée']]")[0]
    assert "Délai dépassé : envoyées aujourd'hui" in late.text_content()
    assert "Jours francs avant la séance : 1 (3 requis)." in " ".join(late.text_content().split())
    in_time = tree.xpath("//*[@id='home-drafts']//article[.//a[text()='Séance draft']]")[0]
    assert "Délai dépassé" not in in_time.text_content()

    sent = text(tree, "home-sent")
    assert "Séance notified" in sent
    assert "2 / 3 accusés de réception" in sent
    assert "1 / 3 réponses" in sent

    waiting = text(tree, "home-waiting")
    assert waiting.startswith("En attente du procès-verbal Séance tenue — Conseil municipal")
    assert "Séance notified" not in waiting

    links = {a.text_content().strip(): a.get("href") for a in tree.xpath("//a")}
    assert links["Nouvelle séance — Conseil municipal"].endswith("/ville-a/conseil/++add++Seance")
    assert "Nouveau compte" not in links  # accounts are the administrator's


def test_a_seance_with_minutes_waits_no_more(world_of, home):
    home["held"].minutes_file = object()  # what SEANCE's field holds once the minutes are added
    transaction.commit()
    assert "Séance tenue" not in text(
        shown("agent", world_of.town_a.absolute_url()), "home-waiting"
    )


def test_the_administrator_finds_the_accounts(world_of, home):
    tree = shown("admin", world_of.town_a.absolute_url())
    links = {a.text_content().strip(): a.get("href") for a in tree.xpath("//a")}
    assert links["Nouveau compte"].endswith("/ville-a/@@add-account")
    assert links["Importer des comptes"].endswith("/ville-a/@@import-accounts")


def test_the_agent_of_another_collectivity_sees_nothing_of_it(world_of, home):
    response = get("other_agent", world_of.town_a.absolute_url())
    assert "Séance notified" not in response.text
    assert response.status_code in (401, 403) or "Privilèges insuffisants" in response.text


@pytest.mark.parametrize("persona", ["official", "anonymous"])
def test_officials_and_anonymous_see_no_agent_data(world_of, home, persona):
    response = get(persona, world_of.town_a.absolute_url())
    assert "accusés de réception" not in response.text
    assert "Séance draft" not in response.text
    # The collectivity is internal: the login form, or « Privilèges insuffisants ».
    assert "__ac_password" in response.text or "Privilèges insuffisants" in response.text


def test_who_may_see_a_collectivity_without_being_its_agent_sees_its_assemblies(integration_site):
    portal, world = integration_site
    town = world.town_a
    # A collectivity a site chose to show its readers.
    api.user.grant_roles(username=userid("official"), obj=town, roles=["Reader"])
    for shown_to_readers in (town, world.council):
        shown_to_readers.manage_permission("View", ["Manager", "Reader"], acquire=0)
    with api.env.adopt_user(username=userid("official")):
        view = home_view(town, portal.REQUEST)
        assert not view.agent
        assert view.assemblies() == [
            {"title": "Conseil municipal", "url": world.council.absolute_url()}
        ]
        page = view()
    assert "Conseil municipal" in page
    assert "Séance draft" not in page and "home-drafts" not in page


@pytest.fixture
def integration_site(world, portal):
    return portal, world


def test_the_home_wakes_no_convocation(functional, world_of, home, monkeypatch):
    """Its figures come from the catalog: few queries, and the convocations stay ghosts."""
    portal = functional["portal"]
    town = portal["ville-a"]
    connection = portal._p_jar
    oids = [
        convocation._p_oid
        for seance in town["conseil"].objectValues()
        for convocation in seance.objectValues()
        if convocation.portal_type == "Convocation"
    ]
    assert len(oids) == 11  # 3 per séance of the world, 2 for the one held (no invitee)
    catalog = api.portal.get_tool("portal_catalog")
    queries = []
    tool = type(aq_base(catalog))
    search = tool.searchResults

    def counted(self, *args, **kwargs):
        queries.append(kwargs or args)
        return search(self, *args, **kwargs)

    transaction.commit()
    connection.cacheMinimize()
    monkeypatch.setattr(tool, "searchResults", counted)
    monkeypatch.setattr(tool, "__call__", counted)
    with api.env.adopt_user(username=userid("agent")):
        page = home_view(town, portal.REQUEST)()
    assert "2 / 3 accusés de réception" in page
    woken = [
        oid
        for oid in oids
        if connection._cache.get(oid) is not None
        and connection._cache.get(oid)._p_changed is not None
    ]
    assert woken == []
    # One query per kind of content, whatever the number of séances; the rest is Plone's page.
    ours = sorted(
        query.get("portal_type")
        for query in queries
        if isinstance(query, dict)
        and query.get("portal_type") in ("Assembly", "Seance", "Convocation", "Collectivity")
    )
    assert ours == ["Assembly", "Collectivity", "Convocation", "Seance"], queries


def test_the_assembly_shows_its_seances_first_and_links_its_mandates(world_of, home):
    tree = shown("agent", world_of.council.absolute_url())
    assert tree.xpath("string(//h1)").strip() == "Conseil municipal"
    upcoming = text(tree, "assembly-upcoming")
    assert upcoming.startswith("Séances à venir Séance pressée Brouillon")
    assert "Séance draft Brouillon 1er juin 2030 à 18h30" in upcoming
    assert "Séance cancelled Annulée" in upcoming
    assert text(tree, "assembly-past").startswith("Séances passées Séance archived Classée")
    assert "Séance tenue Convoquée" in text(tree, "assembly-past")
    links = {a.text_content().strip(): a.get("href") for a in tree.xpath("//*[@id='content']//a")}
    assert links["Nouvelle séance"].endswith("/conseil/++add++Seance")
    assert links["Mandats"].endswith("/conseil/@@mandats")
    assert "Nombre de procurations" not in tree.text_content()  # not Dexterity's raw fields


def test_the_mandates_page_lists_the_members(world_of, home):
    tree = shown("admin", world_of.council.absolute_url() + "/@@mandats")
    assert tree.xpath("string(//h1)").strip() == "Mandats — Conseil municipal"
    cards = {
        card.xpath("string(.//h3)").strip(): dict(
            zip(
                (dt.text_content().strip() for dt in card.xpath(".//dt")),
                (dd.text_content().strip() for dd in card.xpath(".//dd")),
                strict=True,
            )
        )
        for card in tree.xpath("//*[@id='mandates-current']//article")
    }
    assert list(cards) == ["Colette Collègue", "Odile Officielle", "Oscar Second"]  # by last name
    assert cards["Odile Officielle"] == {
        "Qualité (fonction)": "Conseiller municipal",
        "Siège": "Titulaire",
        "Depuis le": "22 mars 2026",
    }
    assert cards["Colette Collègue"]["Jusqu'au"] == "31 décembre 2027"
    links = {a.text_content().strip(): a.get("href") for a in tree.xpath("//*[@id='content']//a")}
    assert links["Nouveau mandat"].endswith("/conseil/++add++Mandate")


def test_an_agent_adds_seances_not_mandates(world_of, home):
    tree = shown("agent", world_of.council.absolute_url() + "/@@mandats")
    assert "Nouveau mandat" not in tree.text_content()
    assert "Odile Officielle" in text(tree, "mandates-current")

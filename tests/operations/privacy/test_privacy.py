"""RGPD on a site: the notice reaches the officials (its page, every mail, « Mes convocations », once at
the first login), « Mes données » over REST and in the browser, and the retention command."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from collective.convocation.content.collectivity import DEFAULT_RGPD_NOTICE
from collective.convocation.core import privacy_notice
from collective.convocation.core.chain import verify
from collective.convocation.operations.accounts import create_account
from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import answer
from collective.convocation.operations.documents import sheet
from collective.convocation.operations.journal import entries
from collective.convocation.privacy import anonymise
from collective.convocation.privacy.notices import acknowledged
from collective.convocation.upgrades.v1002 import rgpd
from datetime import date
from email import message_from_bytes
from email import policy
from pathlib import Path
from plone import api
from plone.app.testing import login
from pypdf import PdfReader
from types import SimpleNamespace
from world import PASSWORD
from world import userid

import csv
import io
import json
import re
import requests
import sys
import threading
import transaction


DPO = {
    "dpo_name": "Jeanne Martin",
    "dpo_email": "dpd@ville-a.fr",
    "dpo_address": "Mairie de Ville A\n1 place de la République\n12345 Ville A",
}


def get(url, persona=None, **headers):
    auth = (userid(persona), PASSWORD) if persona else None
    return requests.get(url, auth=auth, headers=headers, timeout=60)


def text_of(response):
    """The page's text, tags and blank runs removed: what a reader sees."""
    without_tags = re.sub(r"<[^>]+>", " ", response.text)
    return re.sub(r"\s+", " ", without_tags)


def notice_page(town):
    return f"{town.absolute_url()}/@@donnees-personnelles"


# --- the notice's own page


def test_the_notice_page_is_public_and_names_the_dpo(world_of):
    world = world_of
    for name, value in DPO.items():
        setattr(world.town_a, name, value)
    transaction.commit()
    for persona in (None, "official", "agent"):
        response = get(notice_page(world.town_a), persona)
        assert response.status_code == 200
        page = text_of(response)
        assert "Données personnelles — Ville A" in page
        assert "sont traitées par Ville A afin de convoquer les élus" in page
        assert "auprès de Jeanne Martin (dpd@ville-a.fr)" in page
        assert "1 place de la République" in page
        assert "[collectivité]" not in page and "[DPD]" not in page
        assert 'href="mailto:dpd@ville-a.fr"' in response.text
    # How long, from the setting.
    api.portal.set_registry_record("collective.convocation.retention_months", 18)
    transaction.commit()
    assert "sont anonymisés 18 mois après la fin de votre dernier mandat" in text_of(
        get(notice_page(world.town_a))
    )
    # Only someone logged in is offered his data.
    assert "@@mes-donnees" not in get(notice_page(world.town_a)).text
    assert "@@mes-donnees" in get(notice_page(world.town_a), "official").text


def test_without_a_dpo_the_notice_says_whom_to_write_to(world_of):
    world = world_of
    page = text_of(get(notice_page(world.town_b)))
    assert "à tout moment auprès de son délégué à la protection des données." in page
    assert "n'a pas encore indiqué le contact de son délégué" in page


def test_a_notice_of_its_own_replaces_the_default(world_of):
    world = world_of
    world.town_a.rgpd_notice = (
        "Ville : [collectivité]. Contact : [DPD].\n\n<b>Deuxième</b> paragraphe."
    )
    world.town_a.dpo_email = "dpd@ville-a.fr"
    transaction.commit()
    response = get(notice_page(world.town_a))
    assert "Ville : Ville A. Contact : dpd@ville-a.fr." in text_of(response)
    # The collectivity's text is text, not markup.
    assert "&lt;b&gt;Deuxième&lt;/b&gt; paragraphe." in response.text


def test_rest_clients_read_the_notice_too(world_of):
    world = world_of
    world.town_a.dpo_email = "dpd@ville-a.fr"
    transaction.commit()
    url = f"{world.town_a.absolute_url()}/@privacy-notice"
    anonymous = get(url, Accept="application/json")
    assert anonymous.status_code == 200
    data = anonymous.json()
    assert data["collectivity"] == "Ville A"
    assert "auprès de dpd@ville-a.fr." in data["notice"]
    assert data["dpo"]["email"] == "dpd@ville-a.fr"
    assert (data["retention_months"], data["page"]) == (12, notice_page(world.town_a))
    assert "acknowledged" not in data
    assert get(url, "official", Accept="application/json").json()["acknowledged"] is None


# --- every mail to an official


def message(raw):
    return message_from_bytes(raw, policy=policy.default)


def test_every_mail_to_an_official_links_to_the_notice(world, portal):
    url = notice_page(world.town_a)
    footer = f"Vos données personnelles et vos droits : {url}"
    # The world sent, archived and cancelled séances: convocations, invitations, cancellations.
    login(portal, userid("agent"))
    from collective.convocation.operations.sending import renotify

    renotify(world.seances["notified"], "Ordre du jour modifié", "Un point est ajouté.")
    create_account(
        world.town_a,
        SimpleNamespace(
            username="",
            civility="Mme",
            first_name="Nina",
            last_name="Nouvelle",
            email="nina@example.org",
            phone="",
            function="Conseillère municipale",
            political_group="",
            role="official",
        ),
    )
    sent = [message(raw) for raw in portal.MailHost.messages]
    subjects = {mail["Subject"] for mail in sent}
    assert len(sent) >= 10 and "Ordre du jour modifié" in subjects
    for mail in sent:
        text = mail.get_body(("plain",)).get_content()
        assert text.rstrip().endswith(footer), mail["Subject"]
        assert text.count(url) == 1
        assert f'<a href="{url}">{url}</a>' in mail.get_body(("html",)).get_content()
    welcome = [mail for mail in sent if mail["To"].addresses[0].addr_spec == "nina@example.org"]
    assert len(welcome) == 1


# --- « Mes convocations » and the notice shown until it is acknowledged


def authenticator(html):
    return re.search(r'name="_authenticator"\s+value="([^"]+)"', html).group(1)


def acknowledge_notice(portal_url, persona, page_html, **form):
    fields = {
        "_authenticator": authenticator(page_html),
        "collectivity:list": re.findall(r'name="collectivity:list"\s+value="([^"]+)"', page_html),
        "came_from": f"{portal_url}/@@mes-convocations",
        **form,
    }
    return requests.post(
        f"{portal_url}/@@acknowledge-privacy-notice",
        auth=(userid(persona), PASSWORD),
        data=fields,
        allow_redirects=False,
        timeout=60,
    )


def test_my_convocations_links_to_the_notice_and_to_my_data(functional, world_of):
    world = world_of
    portal_url = functional["portal"].absolute_url()
    response = get(f"{portal_url}/@@mes-convocations", "official")
    assert response.status_code == 200
    assert f'href="{notice_page(world.town_a)}"' in response.text
    assert "Notice sur les données personnelles de Ville A" in text_of(response)
    assert f'href="{portal_url}/@@mes-donnees"' in response.text
    assert "Télécharger mes données (JSON)" in text_of(response)


def test_the_notice_shows_until_the_official_acknowledges_it(functional, world_of):
    world = world_of
    portal_url = functional["portal"].absolute_url()
    # Plone's portlets store themselves at a fresh site's first page, whatever the page
    get(f"{portal_url}/@@mes-convocations", "official2")
    before = last_transaction(functional["portal"])
    first = get(f"{portal_url}/@@mes-convocations", "official")
    assert last_transaction(functional["portal"]) == before  # showing it writes nothing
    assert "Vos données personnelles" in text_of(first)
    assert "sont traitées par Ville A" in text_of(first)
    assert "J'en ai pris connaissance" in text_of(first)
    # It never stands in a REST client's way.
    rest = get(f"{portal_url}/@my-convocations", "official", Accept="application/json")
    assert rest.status_code == 200 and rest.json()["items_total"] == 1
    # Acknowledging is a POST with the authenticator; GET is refused and writes nothing.
    assert (
        requests.get(
            f"{portal_url}/@@acknowledge-privacy-notice",
            auth=(userid("official"), PASSWORD),
            timeout=60,
        ).status_code
        == 400
    )
    refused = acknowledge_notice(portal_url, "official", first.text, _authenticator="forged")
    assert refused.status_code == 403
    transaction.begin()
    assert acknowledged(world.town_a, userid("official")) is None
    done = acknowledge_notice(portal_url, "official", first.text)
    assert done.status_code == 302
    assert done.headers["Location"] == f"{portal_url}/@@mes-convocations"
    transaction.begin()
    record = acknowledged(world.town_a, userid("official"))
    assert record["at"] and len(record["sha256"]) == 64
    # Remembered: not shown again, on any page; still shown to the others.
    for url in (f"{portal_url}/@@mes-convocations", world.seances["notified"].absolute_url()):
        assert "J'en ai pris connaissance" not in text_of(get(url, "official"))
    assert "J'en ai pris connaissance" in text_of(
        get(f"{portal_url}/@@mes-convocations", "official2")
    )
    assert "J'en ai pris connaissance" not in text_of(get(notice_page(world.town_a)))  # anonymous


def test_one_acknowledges_only_the_notices_that_concern_him(functional, world_of):
    world = world_of
    portal_url = functional["portal"].absolute_url()
    page = get(f"{portal_url}/@@mes-convocations", "official").text
    response = acknowledge_notice(
        portal_url, "official", page, **{"collectivity:list": [world.town_b.UID()]}
    )
    assert response.status_code == 302
    transaction.begin()
    assert acknowledged(world.town_b, userid("official")) is None
    assert acknowledged(world.town_a, userid("official")) is None
    # Back to the site only, never to another one.
    away = acknowledge_notice(portal_url, "official", page, came_from="https://ailleurs.example/")
    assert away.headers["Location"] == portal_url


def test_officials_acknowledging_at_the_same_moment_are_all_remembered(functional, world_of):
    portal = functional["portal"]
    world = world_of
    officials = [f"elu{number}" for number in range(8)]
    with api.env.adopt_roles(["Manager"]):
        for persona in officials:
            api.user.create(
                email=f"{persona}@example.org", username=userid(persona), password=PASSWORD
            )
    transaction.commit()
    portal_url = portal.absolute_url()
    pages = {
        persona: get(f"{portal_url}/@@mes-convocations", persona).text for persona in officials
    }
    start = threading.Barrier(len(officials))
    statuses = {}

    def acknowledging(persona):
        start.wait()
        statuses[persona] = acknowledge_notice(portal_url, persona, pages[persona]).status_code

    threads = [threading.Thread(target=acknowledging, args=(p,)) for p in officials]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses.values()) == {302}
    transaction.begin()
    assert all(acknowledged(world.town_a, userid(persona)) for persona in officials)


# --- « Mes données »


def last_transaction(portal):
    return portal._p_jar.db().lastTransaction()


def test_my_data_holds_what_is_kept_about_me_and_nobody_else(functional, world_of):
    portal = functional["portal"]
    world = world_of
    notified = world.convocations[("notified", "official")]
    with api.env.adopt_roles(["Manager"]):
        api.user.get(userid=userid("official")).setMemberProperties(
            mapping={
                "phone": "06 12 34 56 78",
                "function": "Conseillère municipale",
                "postal_address": "12 rue de la Mairie\n44000 Nantes",
            }
        )
    login(portal, userid("official"))
    acknowledge(notified)
    answer(notified, "proxy", userid("official2"))
    login(portal, userid("official2"))
    acknowledge(world.convocations[("notified", "official2")])
    transaction.commit()
    url = f"{portal.absolute_url()}/@my-data"

    before = last_transaction(portal)
    response = get(url, "official", Accept="application/json")
    assert response.status_code == 200
    data = response.json()
    assert last_transaction(portal) == before  # GET never writes

    profile = data["profile"]
    assert (profile["id"], profile["login"]) == (userid("official"), userid("official"))
    assert profile["properties"]["email"] == "official@example.org"
    assert profile["properties"]["fullname"] == "Odile Officielle"
    assert profile["properties"]["phone"] == "06 12 34 56 78"
    assert profile["properties"]["postal_address"] == "12 rue de la Mairie\n44000 Nantes"

    assert [(m["collectivity"], m["assembly"], m["function"]) for m in data["mandates"]] == [
        ("Ville A", "Conseil municipal", "Conseiller municipal")
    ]
    assert data["mandates"][0]["start"] == "2026-03-22" and data["mandates"][0]["end"] is None

    by_title = {item["seance"]["title"]: item for item in data["convocations"]}
    assert sorted(by_title) == [
        "Séance archived",
        "Séance cancelled",
        "Séance notified",
    ]
    mine = by_title["Séance notified"]
    assert mine["@id"] == notified.absolute_url()
    assert mine["receipt"]["via"] == "web" and mine["receipt"]["received_at"]
    assert (mine["attendance"], mine["proxy_holder"]) == ("proxy", userid("official2"))
    assert [(h["attendance"], h["proxy_holder"]) for h in mine["history"]] == [
        ("proxy", userid("official2"))
    ]

    journal = data["journal"]
    kinds = sorted({entry["kind"] for entry in journal})
    assert {"answer", "mail-queued", "receipt"} <= set(kinds)
    for entry in journal:
        named = (entry["actor"], entry["data"].get("recipient"), entry["data"].get("proxy_holder"))
        assert userid("official") in named
    # official2's receipt is his, not hers
    receipts = [e for e in journal if e["kind"] == "receipt"]
    assert [e["data"]["recipient"] for e in receipts] == [userid("official")]
    assert all(len(entry["hash"]) == 64 for entry in journal)
    assert data["privacy_notices"][0]["collectivity"] == "Ville A"
    assert data["privacy_notices"][0]["acknowledged"] is None

    # The proxy holder finds the proxy given to him among his entries.
    holder = get(url, "official2", Accept="application/json").json()
    assert any(
        e["kind"] == "answer" and e["data"]["proxy_holder"] == userid("official2")
        for e in holder["journal"]
    )
    assert holder["profile"]["properties"]["email"] == "official2@example.org"
    assert "06 12 34 56 78" not in json.dumps(holder)


def test_my_data_is_only_for_oneself(functional, world_of):
    portal = functional["portal"]
    transaction.commit()
    url = f"{portal.absolute_url()}/@my-data"
    assert get(url, Accept="application/json").status_code == 401
    anonymous = requests.get(
        f"{portal.absolute_url()}/@@mes-donnees", allow_redirects=False, timeout=60
    )
    assert anonymous.status_code == 302 and "login" in anonymous.headers["Location"]
    # No parameter reaches someone else's data.
    other = get(f"{url}?userid={userid('official2')}", "official", Accept="application/json")
    assert other.json()["profile"]["id"] == userid("official")


def test_my_data_downloads_as_a_json_file(functional, world_of):
    portal = functional["portal"]
    transaction.commit()
    response = get(f"{portal.absolute_url()}/@@mes-donnees", "official")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Content-Disposition"] == 'attachment; filename="mes-donnees.json"'
    data = json.loads(response.content.decode("utf-8"))
    assert data["profile"]["properties"]["fullname"] == "Odile Officielle"
    assert len(data["convocations"]) == 3


# --- retention


def mandate_of(world, persona):
    return next(
        obj
        for obj in world.council.objectValues()
        if obj.portal_type == "Mandate" and obj.official == userid(persona)
    )


def emargement(seance):
    data, _content_type, _filename = sheet(seance, "csv")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


AFTER_THE_SEANCES = date(2031, 9, 1)  # the world's séances were in June 2030


def test_retention_anonymises_those_long_gone_and_keeps_the_record(world, portal):
    seance = world.seances["notified"]
    mandate_of(world, "official2").end = date(2030, 6, 30)
    with api.env.adopt_roles(["Manager"]):
        api.user.get(userid=userid("official2")).setMemberProperties(
            mapping={
                "phone": "06 00 00 00 02",
                "civility": "M.",
                "political_group": "Majorité",
                "postal_address": "3 allée des Tilleuls\n44300 Nantes",
            }
        )
    login(portal, userid("official2"))
    acknowledge(world.convocations[("notified", "official2")])
    login(portal, userid("official"))
    acknowledge(world.convocations[("notified", "official")])
    journals = {state: entries(world.seances[state]) for state in ("notified", "archived")}
    sheet_before = emargement(seance)
    assert api.content.find(SearchableText="Oscar", unrestricted=True)
    assert api.portal.get_registry_record("collective.convocation.retention_months") == 12

    # A dry run names them and changes nothing.
    due = [userid(p) for p in ("colleague", "invitee", "official2")]
    assert anonymise.run(today=AFTER_THE_SEANCES, dry_run=True) == due
    assert api.user.get(userid=userid("official2")).getProperty("fullname") == "Oscar Second"

    assert anonymise.run(today=AFTER_THE_SEANCES) == due

    gone = api.user.get(userid=userid("official2"))
    names = {p: gone.getProperty(p) for p in ("fullname", "first_name", "last_name")}
    assert names["fullname"].startswith("Anonyme ") and names["first_name"] == "Anonyme"
    for cleared in ("email", "phone", "civility", "political_group", "postal_address"):
        assert gone.getProperty(cleared) == ""
    # Stable: the same pseudonym as the pure function gives, every time.
    assert names["fullname"] == f"Anonyme {names['last_name']}"
    # Those in office and the agents are untouched.
    kept = api.user.get(userid=userid("official"))
    assert (kept.getProperty("fullname"), kept.getProperty("email")) == (
        "Odile Officielle",
        "official@example.org",
    )
    for persona in ("agent", "admin", "other_agent"):
        assert api.user.get(userid=userid(persona)).getProperty("email").startswith(persona)

    # The journals are not rewritten: the same entries, and the chain verifies.
    for state, before in journals.items():
        after = entries(world.seances[state])
        assert after == before
        assert verify(after).valid
    # The émargement keeps every row, receipts included; the name is the pseudonym.
    sheet_after = emargement(seance)
    assert len(sheet_after) == len(sheet_before)
    row = next(r for r in sheet_after if r["Prénom"] == "Anonyme")
    before_row = next(r for r in sheet_before if r["Prénom"] == "Oscar")
    assert row["Nom"] == names["last_name"]
    assert row["Réception"] == before_row["Réception"] != ""
    assert row["Qualité"] == before_row["Qualité"]
    text = json.dumps(sheet_after, ensure_ascii=False)
    assert "Oscar" not in text and "Second" not in text and "Officielle" in text
    pdf_text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(sheet(seance, "pdf")[0])).pages
    )
    assert names["last_name"] in pdf_text and "Oscar" not in pdf_text
    # Nor is the name left in titles or the catalog.
    assert names["fullname"] in mandate_of(world, "official2").title
    assert world.convocations[("notified", "official2")].title == names["fullname"]
    assert not api.content.find(SearchableText="Oscar", unrestricted=True)
    tracked = api.content.find(convocation_recipient=userid("official2"), unrestricted=True)
    assert {brain.convocation_tracking["name"] for brain in tracked} == {names["fullname"]}

    # Done once: a second run finds nobody.
    assert anonymise.run(today=AFTER_THE_SEANCES) == []


def test_retention_follows_its_setting(world, portal):
    mandate_of(world, "official2").end = date(2030, 6, 30)
    api.portal.set_registry_record("collective.convocation.retention_months", 24)
    # Only the colleague's mandate (ended 2027) is over 24 months old on that day.
    assert anonymise.run(today=AFTER_THE_SEANCES, dry_run=True) == [userid("colleague")]


def test_the_upgrade_adds_the_retention_setting(portal):
    registry = portal.portal_registry
    del registry.records["collective.convocation.retention_months"]
    rgpd.upgrade(portal.portal_setup)
    assert api.portal.get_registry_record("collective.convocation.retention_months") == 12
    api.portal.set_registry_record("collective.convocation.retention_months", 36)
    rgpd.upgrade(portal.portal_setup)  # run again, it keeps the value set
    assert api.portal.get_registry_record("collective.convocation.retention_months") == 36


def test_the_command_lists_whom_it_would_anonymise(world, portal, capsys, monkeypatch):
    """scripts/retention.py as `make retention` runs it, on the test site; its dry run only."""
    mandate_of(world, "colleague").end = date(2024, 1, 31)
    script = Path(__file__).resolve().parents[3] / "scripts" / "retention.py"
    monkeypatch.setenv("SITE", portal.getId())
    monkeypatch.setattr(sys, "argv", ["zconsole", "run", "zope.conf", str(script), "--dry-run"])
    security = getSecurityManager()
    try:
        exec(compile(script.read_text(), str(script), "exec"), {"app": portal.aq_parent})
    finally:
        setSecurityManager(security)  # the script runs as the system user
    assert capsys.readouterr().out.splitlines() == [
        "1 personne(s) à anonymiser (plus de 12 mois) :",
        f"  {userid('colleague')}",
    ]


# The default notice, stored with the collectivity's type


def test_the_default_notice_names_the_collectivity_and_its_dpo():
    text = privacy_notice.fill(DEFAULT_RGPD_NOTICE, "Ville A", "Jeanne Martin (dpd@ville-a.fr)")
    assert "[" not in text
    assert text.startswith("Les données personnelles ici collectées sont traitées par Ville A ")
    assert "d'inviter aux événements de Ville A." in text
    assert "à tout moment auprès de Jeanne Martin (dpd@ville-a.fr)." in text


def test_the_digest_tells_two_texts_apart():
    assert privacy_notice.digest("a") != privacy_notice.digest("b")
    assert len(privacy_notice.digest(DEFAULT_RGPD_NOTICE)) == 64

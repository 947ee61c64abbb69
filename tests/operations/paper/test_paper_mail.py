"""Paper convocations on the Plone side: who, their letters and labels, « posté le » and its journal entry."""

from collective.convocation.content.convocation import recipient_id
from collective.convocation.core.legal import PARIS
from collective.convocation.operations import journal
from collective.convocation.operations.paper import labels_file
from collective.convocation.operations.paper import letters_file
from collective.convocation.operations.paper import paper_recipients
from collective.convocation.operations.paper import record_posted
from collective.convocation.operations.paper import save_address
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.sending import recipients
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from io import BytesIO
from paper_world import on_paper
from plone import api
from pypdf import PdfReader
from world import userid

import pytest


@pytest.fixture
def seance(world):
    return on_paper(world)


def today():
    return datetime.now(PARIS).date()


def text(data):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_paper_recipients_are_listed_the_french_way_with_their_address(seance):
    found = paper_recipients(seance)
    assert [r.addressee.name_line for r in found] == ["Mme Odile Officielle", "Oscar Second"]
    assert found[0].addressee.lines == ("12 rue de la Mairie", "BP 7", "44000 Nantes")
    assert found[1].addressee.lines == ()  # the page warns; no letter, no label


def test_a_mandate_on_paper_is_a_paper_recipient_at_sending(world):
    seance = world.seances["draft"]
    with api.env.adopt_roles(["Manager"]):
        for mandate in world.council.objectValues():
            if mandate.portal_type == "Mandate" and mandate.official == userid("official"):
                mandate.paper_convocation = True
        api.content.transition(obj=seance, transition="notify")
    assert [r.userid for r in recipients(seance) if r.paper] == [userid("official")]
    assert [r.userid for r in paper_recipients(seance)] == [userid("official")]


def test_the_letters_are_for_the_addressed_recipients_each_followed_by_the_documents(seance):
    data, content_type, filename = letters_file(seance)
    assert (content_type, filename) == ("application/pdf", "lettres-seance-notified.pdf")
    reader = PdfReader(BytesIO(data))
    written = text(data)
    # One letter (Oscar has no address), then convocation, report of item 1, the other file.
    assert len(reader.pages) == 1 + 3
    for expected in (
        "Ville A",
        "1 place de la République",
        "Mme Odile Officielle",
        "44000 Nantes",
        "Ville A, le ",  # the town of the collectivity's address
        "Objet : Convocation – Conseil municipal du ",
        "Vous êtes convoqué(e), en qualité de Conseiller municipal",
        "Ordre du jour",
        "Budget primitif",
        "Convocation",
        "Budget",
        "Rapport",
    ):
        assert expected in written, expected
    assert "Oscar" not in written
    # An address to type on paper: « Mes convocations », without the mail's key.
    assert "/@@mes-convocations" in written and "?convocation=" not in written


def test_the_labels_hold_the_addressed_recipients(seance):
    data, _type, filename = labels_file(seance)
    assert filename == "etiquettes-seance-notified.pdf"
    written = text(data)
    assert "Mme Odile Officielle" in written and "BP 7" in written
    assert "Oscar" not in written


def test_posting_is_recorded_on_the_convocation_and_in_the_journal(seance):
    day = today()
    with api.env.adopt_user(userid("agent")):
        record_posted(seance, [userid("official")], day)
    convocation = seance[recipient_id(userid("official"))]
    assert convocation.posted_at == datetime(day.year, day.month, day.day, tzinfo=PARIS).astimezone(
        UTC
    )
    assert convocation.posted_at.tzinfo is UTC
    entry = journal.entries(seance)[-1]
    assert entry["kind"] == "posted"
    assert entry["actor"] == userid("agent")
    assert entry["data"] == {"recipient": userid("official"), "posted_on": day.isoformat()}
    printed = journal.readable(seance, [entry])[0]
    assert printed.kind == "Courrier posté"
    assert printed.details[0] == "Odile Officielle"
    assert printed.details[1].startswith("posté le ")


@pytest.mark.parametrize(
    ("who", "day", "message"),
    [
        (["official"], lambda: today() + timedelta(days=1), "ne peut pas être dans le futur"),
        (["official"], lambda: today() - timedelta(days=1), "n'ont pas pu être postées avant"),
        (["official", "colleague"], today, "« colleague@ville-a » n'est pas destinataire"),
        (["official", "invitee"], today, "Ivan Invité ne reçoit pas la convocation sur papier"),
        ([], today, "Cochez au moins un destinataire"),
    ],
)
def test_a_refused_posting_writes_nothing(seance, who, day, message):
    before = len(journal.entries(seance))
    with pytest.raises(ActionRefused) as refused:
        record_posted(seance, [userid(persona) for persona in who], day())
    assert message in refused.value.message
    assert seance[recipient_id(userid("official"))].posted_at is None
    assert len(journal.entries(seance)) == before


def test_no_posting_before_the_sending_nor_after_archiving(world):
    with pytest.raises(ActionRefused) as refused:
        record_posted(world.seances["draft"], [userid("official")], today())
    assert "pas encore envoyée" in refused.value.message
    with pytest.raises(ActionRefused) as refused:
        record_posted(world.seances["archived"], [userid("official")], date(2030, 1, 1))
    assert "ni classée, ni annulée" in refused.value.message


def address_of(persona):
    return api.user.get(userid=userid(persona)).getProperty("postal_address", "")


def test_an_address_saved_for_a_paper_recipient_is_the_one_the_letters_print(seance):
    assert save_address(seance, userid("official2"), " Le Bourg \r\n\r\n44300  Nantes ") == (
        "Oscar Second"
    )
    assert address_of("official2") == "Le Bourg\n44300 Nantes"
    assert paper_recipients(seance)[1].addressee.lines == ("Le Bourg", "44300 Nantes")


@pytest.mark.parametrize(
    ("persona", "text", "message"),
    [
        ("invitee", "1 rue X", "Ivan Invité ne reçoit pas la convocation sur papier."),
        ("agent", "1 rue X", "« agent@ville-a » n'est pas destinataire de cette séance."),
        ("official", "\n \n", "Saisissez l'adresse postale : une ligne au moins."),
        ("official", "1\n2\n3\n4\n5\n6", "cinq lignes au plus"),
        ("official", "x" * 61, "60 caractères au plus"),
    ],
)
def test_a_refused_address_writes_nothing(seance, persona, text, message):
    before = address_of(persona)
    with pytest.raises(ActionRefused, match=message):
        save_address(seance, userid(persona), text)
    assert address_of(persona) == before


def test_a_userid_that_is_not_a_string_is_refused(seance):
    with pytest.raises(ActionRefused, match="n'est pas destinataire"):
        save_address(seance, [userid("official")], "1 rue X")

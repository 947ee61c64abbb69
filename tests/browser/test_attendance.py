"""« Assiduité »: the figures of sent séances, as agents see them (everyone) and officials (themselves).

The world's council has two titular seats (Odile, Oscar): quorum 2. Its notified séance (June 2030)
and its archived one (an hour ago) count; its draft and its cancelled séance do not.
"""

from clients import spreadsheet
from datetime import date
from lxml import etree
from lxml import html
from world import PASSWORD
from world import userid

import pytest
import requests
import transaction


SVG = "{http://www.w3.org/2000/svg}"
PERIOD = {"from": date.today().replace(year=date.today().year - 1).isoformat(), "to": "2030-12-31"}


def answer(convocation, declared, actual=None, proxy_holder=None):
    convocation.attendance = declared
    convocation.proxy_holder = proxy_holder
    convocation.actual = actual
    convocation.reindexObject()


@pytest.fixture
def answered(world_of):
    convocations = world_of.convocations
    # Notified: Odile present; Oscar gave her his proxy, left unmarked at the roll call.
    answer(convocations[("notified", "official")], "present", "present")
    answer(convocations[("notified", "official2")], "proxy", proxy_holder=userid("official"))
    # Archived: Odile said remote and was marked present; Oscar said present and stayed away.
    answer(convocations[("archived", "official")], "remote", "present")
    answer(convocations[("archived", "official2")], "present", "absent")
    # The invitee holds no seat; the cancelled séance was held by nobody.
    answer(convocations[("archived", "invitee")], "present", "present")
    answer(convocations[("cancelled", "official")], "present")
    transaction.commit()
    return world_of


def page(persona, url, **params):
    auth = None if persona == "anonymous" else (userid(persona), PASSWORD)
    return requests.get(url, params=params, auth=auth, timeout=60)


def table(document, table_id):
    """The table's body rows, each as the list of its cells' texts."""
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
        for row in document.xpath(f'//table[@id="{table_id}"]/tbody/tr')
    ]


def chart(document, chart_id):
    svg = document.xpath(f'//*[local-name()="svg"][@aria-labelledby="{chart_id}-title"]')
    assert len(svg) == 1, chart_id
    return etree.fromstring(etree.tostring(svg[0]))


def test_agent_sees_every_official_declared_and_actual_side_by_side(answered):
    response = page("agent", answered.town_a.absolute_url() + "/@@assiduite", **PERIOD)
    assert response.status_code == 200
    document = html.fromstring(response.text)
    assert "Assiduité" in document.xpath("//h1")[0].text_content()
    officials = table(document, "attendance-officials-table")
    # Élu, assemblée, convoquées, then (déclaré, appel) for: présent, à distance, représenté,
    # remplacé, absent, sans réponse (declared only), appel non fait (roll call only).
    assert officials == [
        [
            "Odile Officielle",
            "Conseil municipal",
            "2",
            "1",
            "1",
            "1",
            "1",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "—",
            "—",
            "0",
        ],
        [
            "Oscar Second",
            "Conseil municipal",
            "2",
            "1",
            "0",
            "0",
            "0",
            "1",
            "1",
            "0",
            "0",
            "0",
            "1",
            "0",
            "—",
            "—",
            "0",
        ],
    ]
    assert "Ivan Invité" not in response.text
    seances = table(document, "attendance-seances-table")
    # The archived séance (now) then the notified one (2030): two members, quorum 2.
    assert [row[2:] for row in seances] == [
        ["2", "2", "100 %", "50 %", "-1", "-1"],
        ["2", "2", "50 %", "50 %", "-1", "-1"],
    ]
    assert seances[1][0] == "2 juin 2030"


def test_the_charts_carry_the_table_figures(answered):
    response = page("agent", answered.town_a.absolute_url() + "/@@assiduite", **PERIOD)
    document = html.fromstring(response.text)
    actual = chart(document, "chart-actual")
    assert actual.get("role") == "img"
    assert actual.find(f"{SVG}title").text == "Présence à l'appel par élu"
    titles = [title.text for title in actual.iter(f"{SVG}title")]
    for words in (
        "Odile Officielle, Présent : 1",
        "Odile Officielle, À distance : 1",
        "Oscar Second, Représenté (pouvoir) : 1",
        "Oscar Second, Absent : 1",
    ):
        assert words in titles
    texts = [text.text for text in actual.iter(f"{SVG}text")]
    assert "Odile Officielle (2)" in texts and "Oscar Second (2)" in texts
    declared = chart(document, "chart-declared")
    assert "Oscar Second, Présent : 1" in [title.text for title in declared.iter(f"{SVG}title")]
    rates = [text.text for text in chart(document, "chart-rates").iter(f"{SVG}text")]
    assert rates.count("50 %") == 3 and rates.count("100 %") == 1


def test_csv_exports_read_as_a_spreadsheet(answered):
    url = answered.town_a.absolute_url() + "/@@assiduite.csv"
    header, *rows = spreadsheet(page("agent", url, scope="officials", **PERIOD))
    records = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(records) == {"Odile Officielle", "Oscar Second"}
    assert records["Oscar Second"]["Représenté (pouvoir) (déclaré)"] == "1"
    assert records["Oscar Second"]["Absent (appel)"] == "1"
    assert records["Odile Officielle"]["À distance (appel)"] == "1"
    header, *rows = spreadsheet(page("agent", url, scope="seances", **PERIOD))
    assert [dict(zip(header, row, strict=True))["Taux déclaré (%)"] for row in rows] == [
        "100",
        "50",
    ]
    assert rows[0][header.index("Marge de quorum effective")] == "-1"


def test_an_official_sees_himself_only(answered):
    response = page("official2", answered.town_a.absolute_url() + "/@@assiduite", **PERIOD)
    assert response.status_code == 200
    assert "Mon assiduité" in response.text
    assert "Odile Officielle" not in response.text
    officials = table(html.fromstring(response.text), "attendance-officials-table")
    assert [row[:3] for row in officials] == [["Oscar Second", "Conseil municipal", "2"]]
    csv_rows = spreadsheet(
        page(
            "official2",
            answered.town_a.absolute_url() + "/@@assiduite.csv",
            scope="officials",
            **PERIOD,
        )
    )
    assert [row[0] for row in csv_rows[1:]] == ["Oscar Second"]
    assert "Odile" not in "".join(",".join(row) for row in csv_rows)
    # « Mon assiduité » of the personal menu: his figures across collectivities.
    portal = page("official2", answered.town_a.aq_parent.absolute_url() + "/@@assiduite", **PERIOD)
    assert "Odile Officielle" not in portal.text and "Oscar Second" in portal.text


def test_the_last_twelve_months_by_default_and_bad_dates_said(answered):
    response = page("agent", answered.council.absolute_url() + "/@@assiduite")
    seances = table(html.fromstring(response.text), "attendance-seances-table")
    assert len(seances) == 1  # the archived séance; June 2030 is ahead
    response = page("agent", answered.council.absolute_url() + "/@@assiduite", **{"from": "31/12"})
    assert "Écrivez les dates sous la forme 2026-03-31" in response.text
    reversed_period = {"from": "2030-12-31", "to": "2026-01-01"}
    response = page("agent", answered.council.absolute_url() + "/@@assiduite", **reversed_period)
    assert "Le début de la période est après sa fin" in response.text
    assert len(table(html.fromstring(response.text), "attendance-seances-table")) == 1


def test_the_assembly_filter(answered):
    url = answered.town_a.absolute_url() + "/@@assiduite"
    document = html.fromstring(page("agent", url, assembly="conseil", **PERIOD).text)
    assert document.xpath("//option[@selected]")[0].text == "Conseil municipal"
    assert len(table(document, "attendance-seances-table")) == 2
    # An unknown assembly is no filter: the whole collectivity.
    document = html.fromstring(page("agent", url, assembly="nowhere", **PERIOD).text)
    assert len(table(document, "attendance-seances-table")) == 2


def test_anonymous_gets_the_login(answered):
    response = page("anonymous", answered.town_a.absolute_url() + "/@@assiduite")
    assert "Odile" not in response.text
    assert "login" in response.url or response.status_code in (401, 403)
    csv_response = page("anonymous", answered.town_a.absolute_url() + "/@@assiduite.csv")
    assert not csv_response.content.startswith(b"\xef\xbb\xbf")


def test_the_agent_finds_it_on_the_assembly(answered):
    agent = html.fromstring(page("agent", answered.council.absolute_url()).text)
    assert agent.xpath('//a[@id="assembly-attendance"]')[0].text_content().strip() == "Assiduité"
    official = html.fromstring(page("official", answered.council.absolute_url()).text)
    assert not official.xpath('//a[@id="assembly-attendance"]')

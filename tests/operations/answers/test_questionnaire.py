"""A séance's questionnaire (collective.easyform): answered by the officials, kept on their convocations."""

from clients import rest
from clients import spreadsheet
from collective.convocation.operations.questionnaire import answers_of
from plone import api
from world import browser_as
from world import PASSWORD
from world import userid

import csv
import io
import pytest
import requests
import transaction


FIELDS = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="repas" type="zope.schema.Choice">
      <title>Participerez-vous au repas ?</title>
      <values><element>Oui</element><element>Non</element></values>
    </field>
  </schema>
</model>
"""


@pytest.fixture
def questionnaire(world_of):
    world = world_of
    seance = world.seances["notified"]
    with api.env.adopt_user(username=userid("agent")):
        form = api.content.create(
            container=seance, type="EasyForm", id="repas", title="Repas du conseil"
        )
    form.fields_model = FIELDS
    transaction.commit()
    return {
        "form": form.absolute_url(),
        "form_uid": form.UID(),
        "convocation": world.convocations[("notified", "official")],
        "convocation_url": world.convocations[("notified", "official")].absolute_url(),
    }


def answer(app, form_url, persona, value):
    browser = browser_as(app, userid(persona))
    browser.open(form_url)
    browser.getControl(name="form.widgets.repas:list").value = [value]
    browser.getControl(name="form.buttons.submit").click()
    return browser


def test_officials_answer_once_received_and_the_agent_exports(questionnaire, functional):
    app = functional["app"]
    browser = browser_as(app, userid("official"))
    browser.handleErrors = True
    browser.open(questionnaire["form"])
    assert browser.url.endswith("/insufficient-privileges")  # not before the receipt
    requests.post(
        questionnaire["convocation_url"] + "/@receipt",
        auth=(userid("official"), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )

    assert "Merci" in answer(app, questionnaire["form"], "official", "Oui").contents
    answer(app, questionnaire["form"], "official", "Non")  # changed before the séance
    transaction.begin()
    assert answers_of(questionnaire["convocation"])[questionnaire["form_uid"]] == {"repas": "Non"}

    agent = browser_as(app, userid("agent"))
    agent.open(questionnaire["form"] + "/@@questionnaire-answers.csv")
    assert agent.headers["Content-Type"].startswith("text/csv")
    raw = agent.contents.encode("utf-8") if isinstance(agent.contents, str) else agent.contents
    text = raw.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [
        ["Nom", "Prénom", "Participerez-vous au repas ?"],
        ["Officielle", "Odile", "Non"],
    ]

    official = browser_as(app, userid("official"))
    official.handleErrors = True
    official.open(questionnaire["form"] + "/@@questionnaire-answers.csv")
    assert official.url.endswith("/insufficient-privileges")  # the export is the agents'


# Text the officials typed, read as a spreadsheet


QUESTIONNAIRE = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="remarque" type="zope.schema.TextLine">
      <title>@Remarque</title>
      <required>False</required>
    </field>
  </schema>
</model>
"""


def test_the_questionnaire_answers_csv_shows_formulas_as_text(hostile, functional, secret):
    seance = hostile["world"].seances["notified"]
    with api.env.adopt_user(username=userid("agent")):
        form = api.content.create(container=seance, type="EasyForm", id="avis", title="Avis")
    form.fields_model = QUESTIONNAIRE
    transaction.commit()
    answers = {"official": '=HYPERLINK("http://x")', "official2": "\t=1"}
    for persona, answer in answers.items():
        convocation = hostile["world"].convocations[("notified", persona)].absolute_url()
        assert rest("POST", persona, convocation + "/@receipt").status_code == 200
        browser = browser_as(functional["app"], userid(persona))
        browser.open(form.absolute_url())
        browser.getControl(name="form.widgets.remarque").value = answer
        browser.getControl(name="form.buttons.submit").click()
    agent = requests.get(
        form.absolute_url() + "/@@questionnaire-answers.csv",
        auth=(userid("agent"), PASSWORD),
        timeout=60,
    )
    table = spreadsheet(agent)
    assert table[0] == ["Nom", "Prénom", "'@Remarque"]
    assert table[1:] == [
        ['\'=HYPERLINK("http://x")', f'<img src="{secret}"/>', '\'=HYPERLINK("http://x")'],
        ["'@SUM(A1)", "'-2", "'=1"],  # the form strips the tab; the formula stays text
    ]

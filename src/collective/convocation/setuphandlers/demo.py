"""The demo profile: the Commune de Saint-Démo, its officials, an agent and two séances.

Content is made with createContentInContainer rather than plone.api's create(),
which renames a temporary id (logging catalog errors) and takes a ``function``
argument of its own, a field name of Mandate.
"""

from collective.convocation.content.convocation import create_convocation
from collective.convocation.core.dates import french_date
from collective.convocation.core.logins import login_for
from collective.convocation.core.names import joined
from collective.convocation.operations.answers import open_documents
from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from io import BytesIO
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from zoneinfo import ZoneInfo

import logging


logger = logging.getLogger(__name__)

PASSWORD = "Saint-Demo-2026"
SUFFIX = "saint-demo"
PARIS = ZoneInfo("Europe/Paris")
MAJORITY = "Saint-Démo Avenir"
OPPOSITION = "Agir pour Saint-Démo"

# (civility, first name, last name, function, group)
COUNCIL = [
    ("Mme", "Hélène", "Marchand", "Maire", MAJORITY),
    ("M.", "Joël", "Lefèvre", "Premier adjoint, finances", MAJORITY),
    ("Mme", "Amélie", "Roussel", "Adjointe, affaires scolaires", MAJORITY),
    ("M.", "François", "Giraud", "Adjoint, travaux et urbanisme", MAJORITY),
    ("Mme", "Océane", "Brunet", "Adjointe, solidarités", MAJORITY),
    ("M.", "Rémi", "Caron", "Adjoint, culture et associations", MAJORITY),
    ("Mme", "Claire", "Dubois", "Conseillère municipale", MAJORITY),
    ("M.", "Étienne", "Faure", "Conseiller municipal", MAJORITY),
    ("Mme", "Inès", "Garnier", "Conseillère municipale", MAJORITY),
    ("M.", "Hugo", "Henry", "Conseiller municipal", MAJORITY),
    ("Mme", "Léa", "Jacquet", "Conseillère municipale", MAJORITY),
    ("M.", "Noël", "Lambert", "Conseiller municipal", MAJORITY),
    ("Mme", "Zoé", "Mercier", "Conseillère municipale", MAJORITY),
    ("M.", "Gaël", "Perrin", "Conseiller municipal", MAJORITY),
    ("Mme", "Chloé", "Renaud", "Conseillère municipale", MAJORITY),
    ("M.", "Benoît", "Schmitt", "Conseiller municipal", OPPOSITION),
    ("Mme", "Anaïs", "Vidal", "Conseillère municipale", OPPOSITION),
    ("M.", "Jérôme", "Weber", "Conseiller municipal", OPPOSITION),
    ("Mme", "Maëlle", "Texier", "Conseillère municipale", OPPOSITION),
]
PAPER = {"Noël Lambert"}  # asked for paper convocations (CGCT L2121-10)
# Where their letters are posted (the member property postal_address).
PAPER_ADDRESSES = {"Noël Lambert": "7 chemin des Vignes\nLieu-dit Les Hauts\n00000 Saint-Démo"}
# The finance committee: the finance deputy mayor presides; the opposition has two seats.
COMMITTEE = [
    (1, "Président de la commission"),
    (6, None),
    (7, None),
    (9, None),
    (12, None),
    (15, None),
    (16, None),
]
AGENT = ("Mme", "Camille", "Besson", "Secrétaire générale de mairie")

AGENDA = [
    ("1", "Approbation du procès-verbal de la séance précédente", "Administration générale", 0),
    ("2", "Budget primitif 2027", "Finances", 1),
    ("3", "Tarifs de la restauration scolaire", "Affaires scolaires", 2),
    ("4", "Réfection de la voirie de la rue des Tilleuls : demande de subvention", "Travaux", 3),
    ("5", "Subventions aux associations", "Vie associative", 5),
]


def pdf(title, *lines):
    """A one-page PDF standing in for a real document."""
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle(title)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(72, 770, title)
    page.setFont("Helvetica", 11)
    for number, line in enumerate(lines):
        page.drawString(72, 740 - 18 * number, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def pdf_file(filename, title, *lines):
    return NamedBlobFile(pdf(title, *lines), contentType="application/pdf", filename=filename)


def _create_account(civility, first_name, last_name, taken):
    login = login_for(first_name, last_name, SUFFIX, taken)
    taken.add(login)
    if api.user.get(userid=login) is None:
        api.user.create(
            email=login.replace(f"@{SUFFIX}", f"@{SUFFIX}.example"),
            username=login,
            password=PASSWORD,
            # The civility makes the wording agree: « Serez-vous présente ? » to a woman.
            properties={"fullname": joined(first_name, last_name), "civility": civility},
        )
    return login


def _month_day(today, months, day, hour):
    """``day`` of the month ``months`` away from ``today``, at ``hour`` in Paris."""
    month_index = today.year * 12 + today.month - 1 + months
    return datetime.combine(
        date(month_index // 12, month_index % 12 + 1, day), time(hour, 30), tzinfo=PARIS
    )


def _add_seance(assembly, start):
    title = f"{assembly.title} du {french_date(start.date())}"
    return createContentInContainer(
        assembly,
        "Seance",
        title=title,
        start=start,
        end=start + timedelta(hours=2, minutes=30),
        location="Salle du conseil, Hôtel de ville, 1 place de la Mairie, Saint-Démo",
        convocation_file=pdf_file(
            "convocation.pdf",
            f"Convocation : {title}",
            f"Le conseil municipal est convoqué le {start:%d/%m/%Y} à {start:%H:%M}.",
            "Salle du conseil, Hôtel de ville.",
        ),
        synthesis_file=pdf_file(
            "note-de-synthese.pdf", "Note explicative de synthèse", "Article L2121-12 du CGCT."
        ),
    )


# The public agenda (issue 14): the item examined in closed session, the annex published.
PRIVATE_ITEM, PUBLIC_ANNEX = "5", "2"


def _add_agenda(seance, officials):
    for number, title, theme, rapporteur in AGENDA:
        item = createContentInContainer(
            seance,
            "AgendaItem",
            title=title,
            number=number,
            theme=theme,
            rapporteur=officials[rapporteur],
            main_file=pdf_file(
                f"rapport-{number}.pdf", f"{number}. {title}", f"Rapport : {theme}."
            ),
            public=number != PRIVATE_ITEM,
            main_file_public=number != PRIVATE_ITEM,
        )
        createContentInContainer(
            item,
            "File",
            title=f"Annexe au point {number}",
            file=pdf_file(f"annexe-{number}.pdf", f"Annexe au point {number}", title),
            public_document=number == PUBLIC_ANNEX,
        )


def _answer_archived(seance, officials, mandates):
    """The last séance's convocations as the officials answered them."""
    sent = seance.start - timedelta(days=8)
    for position, official in enumerate(officials):
        convocation = create_convocation(seance, official, mandate=mandates[position])
        if _name(COUNCIL[position]) in PAPER:
            convocation.sent_at = sent
            convocation.delivery = "paper"
            # Posted the day after the sending, midnight in Paris (operations/paper.py).
            posted = datetime.combine(sent.astimezone(PARIS).date(), time(0), PARIS)
            convocation.posted_at = (posted + timedelta(days=1)).astimezone(UTC)
            convocation.reindexObject()
            continue
        convocation.sent_at = sent
        convocation.delivery = "sent"
        convocation.received_at = sent + timedelta(hours=2 + position)
        convocation.received_via = "web"
        open_documents(seance, official)
        convocation.attendance = "present"
        convocation.actual = "present"
        if position in (17, 18):
            convocation.attendance = "proxy"
            convocation.proxy_holder = officials[position - 2]
            convocation.actual = "absent"
        elif position == 14:
            convocation.attendance = "absent"
            convocation.actual = "absent"
        convocation.answered_at = convocation.received_at + timedelta(minutes=5)
        convocation.reindexObject()


def _archive_as_sent(seance):
    """Last month's séance, as history: archived, without sending anything today."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow = workflow_tool["seance_workflow"]
    workflow_tool.setStatusOf(
        "seance_workflow",
        seance,
        {
            "review_state": "archived",
            "action": "archive",
            "actor": "camille.besson@saint-demo",
            "comments": "",
            "time": DateTime(),
        },
    )
    workflow.updateRoleMappingsFor(seance)
    seance.sent_at = seance.start - timedelta(days=8)
    seance.clear_days_given = 7
    seance.reindexObject()


def _name(row):
    return f"{row[1]} {row[2]}"


def create_demo(context):
    """Create the demo collectivity once; a second run changes nothing."""
    portal = api.portal.get()
    if SUFFIX in portal.objectIds():
        return
    taken = set()
    with api.env.adopt_roles(["Manager"]):
        officials = [_create_account(c, first, last, taken) for c, first, last, _f, _g in COUNCIL]
        for official, row in zip(officials, COUNCIL, strict=True):
            if _name(row) in PAPER_ADDRESSES:
                api.user.get(userid=official).setMemberProperties(
                    {"postal_address": PAPER_ADDRESSES[_name(row)]}
                )
        agent = _create_account(*AGENT[:3], taken)

        collectivity = createContentInContainer(
            portal,
            "Collectivity",
            id=SUFFIX,
            title="Commune de Saint-Démo",
            description="Commune de 4 200 habitants.",
            login_suffix=SUFFIX,
            kind="commune",
            population=4200,
            sender_name="Mairie de Saint-Démo",
            sender_email="convocations@saint-demo.example",
            reply_to="secretariat@saint-demo.example",
            dpo_name="Délégué à la protection des données, Mairie de Saint-Démo",
            dpo_email="dpd@saint-demo.example",
            dpo_address="1 place de la Mairie, 00000 Saint-Démo",
            postal_address="Hôtel de ville\n1 place de la Mairie\n00000 Saint-Démo",
        )
        api.user.grant_roles(
            username=agent, obj=collectivity, roles=["ConvocationAdmin", "ConvocationAgent"]
        )

        council = createContentInContainer(
            collectivity,
            "Assembly",
            id="conseil-municipal",
            title="Conseil municipal",
            kind="council",
            allow_proxy=True,
        )
        mandate_start = date(2026, 3, 22)
        council_mandates = [
            createContentInContainer(
                council,
                "Mandate",
                official=official,
                function=row[3],
                group=row[4],
                start=mandate_start,
                paper_convocation=_name(row) in PAPER,
            ).UID()
            for official, row in zip(officials, COUNCIL, strict=True)
        ]

        committee = createContentInContainer(
            collectivity,
            "Assembly",
            id="commission-des-finances",
            title="Commission des finances",
            kind="committee",
            notice_days=3,
            allow_remote=True,
            remote_counts_for_quorum=True,
            quorum="none",
        )
        for position, function in COMMITTEE:
            createContentInContainer(
                committee,
                "Mandate",
                official=officials[position],
                function=function or "Membre de la commission",
                group=COUNCIL[position][4],
                start=mandate_start,
            )

        today = datetime.now(PARIS).date()
        upcoming = _add_seance(council, _month_day(today, 1, 15, 18))
        _add_agenda(upcoming, officials)

        past = _add_seance(council, _month_day(today, -1, 15, 18))
        _add_agenda(past, officials)
        # The minutes have their own place on the séance (@@proces-verbal), not a File of it.
        past.minutes_file = pdf_file(
            "proces-verbal.pdf", "Procès-verbal", "Le conseil a adopté les points 1 à 5."
        )
        _archive_as_sent(past)
        _answer_archived(past, officials, council_mandates)
    logger.info("Demo content created: %s officials, agent %s", len(officials), agent)

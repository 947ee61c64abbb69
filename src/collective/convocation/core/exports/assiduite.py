"""Attendance statistics (assiduité) in French: the tables' headings and the CSV exports.

The figures are core/attendance_stats's; the CSV is the émargement's (UTF-8 with BOM, « ; »,
every text cell made inert by exports/table.py).
"""

from collective.convocation.core.attendance_stats import ACTUAL
from collective.convocation.core.attendance_stats import DECLARED
from collective.convocation.core.dates import day_of
from collective.convocation.core.exports.table import csv_bytes


LABELS = {
    "present": "Présent",
    "remote": "À distance",
    "proxy": "Représenté (pouvoir)",
    "deputy": "Remplacé par le suppléant",
    "absent": "Absent",
    "unanswered": "Sans réponse",
    "unrecorded": "Appel non fait",
}
# The categories both sides share, in the order of the tables, the charts and the CSV.
SHARED = ("present", "remote", "proxy", "deputy", "absent")

OFFICIAL_COLUMNS = (
    "Élu",
    "Instance",
    "Séances convoquées",
    *(f"{LABELS[key]} (déclaré)" for key in DECLARED),
    *(f"{LABELS[key]} (appel)" for key in ACTUAL),
)
SEANCE_COLUMNS = (
    "Date",
    "Instance",
    "Séance",
    "Membres en exercice",
    "Quorum",
    "Présents déclarés",
    "Taux déclaré (%)",
    "Marge de quorum déclarée",
    "Présents à l'appel",
    "Taux effectif (%)",
    "Marge de quorum effective",
)


def side_by_side(stats):
    """[(label, declared, actual)] of one official: the shared categories, then each side's own."""
    pairs = [(LABELS[key], stats.declared[key], stats.actual[key]) for key in SHARED]
    pairs.append((LABELS["unanswered"], stats.declared["unanswered"], None))
    pairs.append((LABELS["unrecorded"], None, stats.actual["unrecorded"]))
    return pairs


def margin(value) -> str:
    """« +2 », « 0 », « -1 »; "" for none (no quorum rule, or no roll call yet)."""
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def officials_csv(officials) -> bytes:
    return csv_bytes(
        OFFICIAL_COLUMNS,
        [
            [
                stats.name,
                stats.assembly,
                stats.convoked,
                *(stats.declared[key] for key in DECLARED),
                *(stats.actual[key] for key in ACTUAL),
            ]
            for stats in officials
        ],
    )


def _blank(value):
    return "" if value is None else value


def seances_csv(seances) -> bytes:
    return csv_bytes(
        SEANCE_COLUMNS,
        [
            [
                day_of(stats.start),
                stats.assembly,
                stats.title,
                stats.members,
                stats.required or "",
                stats.declared_attending,
                _blank(stats.declared_rate),
                _blank(stats.declared_margin),
                _blank(stats.actual_attending),
                _blank(stats.actual_rate),
                _blank(stats.actual_margin),
            ]
            for stats in seances
        ],
    )


# The page's wording of what has no figure, and of its charts.
NOT_APPLICABLE = "sans objet"  # no quorum rule
NOT_RECORDED = "non relevé"  # no roll call yet
RATE_LABELS = {"declared": "Déclarée", "actual": "À l'appel"}
CHART_TITLES = {
    "declared": "Présence déclarée par élu",
    "actual": "Présence à l'appel par élu",
    "rates": "Taux de présence par séance",
}
SAME_FIGURES = "Les mêmes chiffres figurent dans le tableau qui suit."


def chart_description(keys) -> str:
    return (
        "Une barre par élu, en nombre de séances : "
        + ", ".join(LABELS[key] for key in keys)
        + ". "
        + SAME_FIGURES
    )


RATES_DESCRIPTION = (
    "Pour chaque séance, la part des membres en exercice présents ou à distance, "
    "déclarée puis relevée à l'appel. " + SAME_FIGURES
)


def percent(rate, missing="—") -> str:
    return missing if rate is None else f"{rate} %"


def margin_text(required, value, missing="—") -> str:
    """The quorum margin as the page writes it: « sans objet » without a quorum rule."""
    if not required:
        return NOT_APPLICABLE
    return missing if value is None else margin(value)

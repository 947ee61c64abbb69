"""The tracking table's filters and sorts, free of Plone: plain forecast.Lines in, the rows to show out."""

from collective.convocation.core.names import sort_key


# The query string's « filtre »: a slug, what it keeps.
FILTERS = {
    "tous": lambda line: True,
    "sans-accuse": lambda line: line.received_at is None,
    "sans-reponse": lambda line: line.attendance == "unanswered",
    "presents": lambda line: line.attendance == "present",
    "a-distance": lambda line: line.attendance == "remote",
    "absents": lambda line: line.attendance == "absent",
    "pouvoirs": lambda line: line.attendance == "proxy",
    "non-joints": lambda line: line.delivery in ("failed", "unreachable"),
    "papier": lambda line: line.delivery == "paper",
}
DEFAULT_FILTER = "tous"

# Answers in the order an agent reads them: who comes, who is represented, who does not, who is silent.
ANSWER_ORDER = ("present", "remote", "proxy", "deputy", "absent", "unanswered")


def name_key_of(sort_name):
    """By last name then first name, the French way, from the catalog's « nom prénom ».

    Kept whole: a last name may hold spaces (« de La Tour »), and the space sorts first.
    """
    return sort_key(sort_name or "")


def name_key(line):
    return name_key_of(line.sort_name or line.name)


# The query string's « tri »: a slug, the value each line is ordered by (None: no value).
SORTS = {
    "nom": name_key,
    "envoi": lambda line: line.sent_at,
    "reception": lambda line: line.received_at,
    "reponse": lambda line: (
        ANSWER_ORDER.index(line.attendance)
        if line.attendance in ANSWER_ORDER
        else len(ANSWER_ORDER)
    ),
}
ORDERS = ("asc", "desc")


def chosen(value, choices, default):
    """A query-string value among ``choices``; anything else (absent, a list, unknown) the default."""
    return value if isinstance(value, str) and value in choices else default


def counts(lines):
    """How many lines each filter keeps, for the filters' labels."""
    return {slug: sum(1 for line in lines if keeps(line)) for slug, keeps in FILTERS.items()}


def shown(lines, filter_slug=DEFAULT_FILTER, sort=None, order="asc"):
    """The lines ``filter_slug`` keeps, ordered by ``sort``; no sort keeps the tracking's order.

    Lines without a value (not sent, not acknowledged) come last either way, ties by name.
    """
    kept = [line for line in lines if FILTERS.get(filter_slug, FILTERS[DEFAULT_FILTER])(line)]
    if sort not in SORTS:
        return kept
    key = SORTS[sort]
    valued = sorted(
        (line for line in kept if key(line) is not None),
        key=lambda line: (key(line), name_key(line)),
        reverse=order == "desc",
    )
    return valued + sorted((line for line in kept if key(line) is None), key=name_key)

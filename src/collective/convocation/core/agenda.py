"""The agenda's numbers and order: what an agent expects when items move.

Pure functions over the items' numbers as typed (« 1 », « 2.1 »…), listed in
folder order. A number made of digits and dots is the agenda's; anything else
(« 2 bis », « A ») was typed by hand on purpose and is left as it is.
"""

import re


NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def key(number) -> tuple[int, ...] | None:
    """« 2.1 » → (2, 1); None for a number that is not the agenda's digits and dots."""
    text = (number or "").strip()
    if not NUMBER.match(text):
        return None
    return tuple(int(part) for part in text.split("."))


def in_order(numbers) -> bool:
    """Whether the numbers already follow the folder order (gaps allowed: an item may be withdrawn)."""
    keys = [k for k in map(key, numbers) if k is not None]
    return all(before < after for before, after in zip(keys, keys[1:], strict=False))


def renumbered(numbers) -> list[str]:
    """The numbers the items take in this (new) folder order.

    Plain integers become 1..n in order. A sub-item follows its parent (the
    item that bore the number before its last part): « 2.1 » becomes « 4.1 »
    when item 2 becomes 4; the sub-items of one parent are numbered 1..m in
    their order. A sub-item whose parent is not on the agenda keeps its prefix.
    """
    keys = [key(number) for number in numbers]
    new = list(numbers)
    done = {}  # the first item bearing each old key → its new number
    ranks = {}  # a parent (an index, or a missing prefix) → its children numbered so far
    for depth in sorted({len(k) for k in keys if k is not None}):
        for index, k in enumerate(keys):
            if k is None or len(k) != depth:
                continue
            parent = k[:-1]
            if not parent:
                owner, prefix = "top", ""
            elif parent in done:
                owner, prefix = done[parent], new[done[parent]] + "."
            else:
                owner, prefix = parent, ".".join(map(str, parent)) + "."
            ranks[owner] = ranks.get(owner, 0) + 1
            new[index] = f"{prefix}{ranks[owner]}"
            done.setdefault(k, index)
    return new


def _level(k) -> int:
    return 1 if k is None else len(k)


def _unit_end(keys, start) -> int:
    """The end (excluded) of the item at ``start`` with the deeper items right after it."""
    level, end = _level(keys[start]), start + 1
    while end < len(keys) and _level(keys[end]) > level:
        end += 1
    return end


def moved(numbers, index, step) -> list[int] | None:
    """The new folder order (old indexes) once item ``index`` goes up (step -1) or down (+1).

    An item moves with its sub-items, past the whole neighbouring item of its
    level; a sub-item stays under its parent. None when it cannot go further.
    """
    keys = [key(number) for number in numbers]
    level = _level(keys[index])
    end = _unit_end(keys, index)
    if step < 0:
        other = index - 1
        while other >= 0 and _level(keys[other]) > level:
            other -= 1
        if other < 0 or _level(keys[other]) < level:
            return None
        first, second = (other, index), (index, end)
    else:
        if end >= len(keys) or _level(keys[end]) != level:
            return None
        first, second = (index, end), (end, _unit_end(keys, end))
    order = list(range(len(numbers)))
    (a, b), (c, d) = first, second
    return order[:a] + order[c:d] + order[a:b] + order[d:]


def title_from_filename(filename) -> str:
    """« plan_de-financement 2026.PDF » → « Plan de financement 2026 »: an annex's title.

    Browsers send a bare name, old ones a whole Windows path. Underscores are
    blanks; hyphens too when the name has no blank (then they separate words).
    """
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or " " in extension or len(extension) > 5:
        stem = name
    stem = stem.replace("_", " ")
    if " " not in stem.strip():
        stem = stem.replace("-", " ")
    title = " ".join(stem.split())
    return title[:1].upper() + title[1:] if title else "Annexe"


def next_number(numbers) -> str:
    """The number a new item takes: after the last whole number on the agenda (« 1 » on an empty one)."""
    wholes = [k[0] for k in map(key, numbers) if k is not None and len(k) == 1]
    return str(max(wholes, default=0) + 1)

"""A SHA-256 hash chain of journal entries, free of Plone and of the ZODB.

Each entry is a dict of plain values: ``seq`` (its place, from 0), ``at``
(ISO 8601), ``actor``, ``kind``, ``data`` (a dict), ``prev`` (the hash of the
entry before it) and ``hash`` (the SHA-256 of all of these). Changing any
entry breaks its own hash, or the ``prev`` of the next one.
"""

from dataclasses import dataclass

import hashlib
import json


GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "kind", "data", "prev")


def digest(entry) -> str:
    canonical = json.dumps(
        {field: entry[field] for field in FIELDS},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def fingerprint(entry) -> str:
    """The SHA-256 of what an entry records (when, who, what), whatever its place in the chain.

    The mail confirming an official's receipt or answer carries it: the
    place and the chained hash of an entry can still change when two
    transactions append at once, what it records cannot. The entry's hash
    covers the same fields.
    """
    canonical = json.dumps(
        {field: entry[field] for field in ("at", "actor", "kind", "data")},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def link(fields, seq, prev) -> dict:
    """The entry made of ``fields`` (at, actor, kind, data) at place ``seq`` after the hash ``prev``."""
    entry = {
        "seq": seq,
        "at": fields["at"],
        "actor": fields["actor"],
        "kind": fields["kind"],
        "data": fields["data"],
        "prev": prev,
    }
    entry["hash"] = digest(entry)
    return entry


def relink(entries, seq, prev) -> list:
    """``entries`` chained again from place ``seq`` after the hash ``prev``.

    Two transactions that appended at the same time both chained their
    entries to the same predecessor; the second one's entries are chained
    again after the first one's when the conflict is resolved.
    """
    linked = []
    for entry in entries:
        linked.append(link(entry, seq, prev))
        seq, prev = seq + 1, linked[-1]["hash"]
    return linked


@dataclass(frozen=True)
class Verification:
    valid: bool
    checked: int  # entries read
    broken_at: int | None = None  # the seq of the first entry that does not verify
    reason: str = ""  # altered | unlinked | misplaced


def verify(entries) -> Verification:
    """Check every entry's hash and its link to the one before."""
    prev = GENESIS
    for place, entry in enumerate(entries):
        if entry.get("seq") != place:
            return Verification(False, place, place, "misplaced")
        if entry.get("prev") != prev:
            return Verification(False, place, place, "unlinked")
        try:
            expected = digest(entry)
        except (KeyError, TypeError):
            return Verification(False, place, place, "altered")
        if entry.get("hash") != expected:
            return Verification(False, place, place, "altered")
        prev = entry["hash"]
    return Verification(True, len(entries))

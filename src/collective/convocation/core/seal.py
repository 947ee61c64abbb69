"""Seals of a journal's head, kept outside the database: Ed25519 signatures in files.

The hash chain (chain.py) shows that no entry was changed in place, but a
chain can be cut, or recomputed whole with the public algorithm, and an
undone transaction takes its entries away with it. Each time a journal's head
changes, its place and hash are signed with a key that lives in a file of the
instance, never in the ZODB, and the seal is appended to the séance's seal
log, a file too. Whoever rewrites the database alone leaves the seals behind:
``check`` compares them with the chain. Free of Plone and of the ZODB.
"""

from collective.convocation.core.chain import verify as verify_chain
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from dataclasses import dataclass
from pathlib import Path

import base64
import json
import os
import threading


KEY_FILE = "journal-seal.key"
_append_lock = threading.Lock()


def private_key(folder: Path) -> Ed25519PrivateKey:
    """The instance's signing key, made on first use (readable by its owner only)."""
    path = Path(folder) / KEY_FILE
    try:
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another thread or process made it first: use theirs
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(pem)
    return key


def public_key_pem(key: Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def _signed_part(journal_id: str, seq: int, head: str, at: str) -> bytes:
    return json.dumps(
        {"journal": journal_id, "seq": seq, "hash": head, "at": at},
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


def make(key: Ed25519PrivateKey, journal_id: str, seq: int, head: str, at: str) -> dict:
    """The seal of the head ``head`` at place ``seq`` of the journal ``journal_id``."""
    signature = key.sign(_signed_part(journal_id, seq, head, at))
    return {"seq": seq, "hash": head, "at": at, "signature": base64.b64encode(signature).decode()}


def log_path(folder: Path, journal_id: str) -> Path:
    return Path(folder) / f"{journal_id}.jsonl"


def append(folder: Path, journal_id: str, seal: dict):
    """Append one seal to the journal's log: one write of one line, by any thread or process."""
    path = log_path(folder, journal_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(seal, sort_keys=True) + "\n").encode("utf-8")
    with _append_lock:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(descriptor, line)
        finally:
            os.close(descriptor)


def read(folder: Path, journal_id: str) -> list:
    """The journal's seals, in the order they were written; a line that is not JSON reads as None."""
    try:
        text = log_path(folder, journal_id).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    seals = []
    for line in text.splitlines():
        try:
            seals.append(json.loads(line))
        except ValueError:
            seals.append(None)
    return seals


@dataclass(frozen=True)
class SealCheck:
    valid: bool
    sealed: int  # seals read
    unsealed: int = 0  # entries after the last sealed head: written, not sealed yet
    broken_at: int | None = None  # the sealed place where the chain and its seal disagree
    reason: str = ""  # forged | truncated | resealed
    sealed_at: str = ""  # when that place was sealed


def _authentic(public_key: Ed25519PublicKey, journal_id: str, seal) -> bool:
    try:
        public_key.verify(
            base64.b64decode(seal["signature"]),
            _signed_part(journal_id, seal["seq"], seal["hash"], seal["at"]),
        )
    except (InvalidSignature, KeyError, TypeError, ValueError):
        return False
    return True


def check(entries: list, seals: list, public_key: Ed25519PublicKey, journal_id: str) -> SealCheck:
    """Does the chain ``entries`` still hold every head that was sealed?

    - forged: a seal was not signed by this key (the seal log was edited);
    - truncated: a sealed place is missing from the chain (entries cut, or a
      transaction undone in the database);
    - resealed: the entry at a sealed place has another hash (the chain was
      recomputed, or rewritten and rechained).
    """
    highest = -1
    for seal in seals:
        if seal is None or not _authentic(public_key, journal_id, seal):
            seq = seal.get("seq") if isinstance(seal, dict) else None
            return SealCheck(False, len(seals), broken_at=seq, reason="forged")
        seq = seal["seq"]
        if seq >= len(entries):
            return SealCheck(
                False, len(seals), broken_at=seq, reason="truncated", sealed_at=seal["at"]
            )
        if entries[seq].get("hash") != seal["hash"]:
            return SealCheck(
                False, len(seals), broken_at=seq, reason="resealed", sealed_at=seal["at"]
            )
        highest = max(highest, seq)
    return SealCheck(True, len(seals), unsealed=len(entries) - highest - 1)


def check_journal(journal_entries, folder, journal_id):
    """The chain's own verification, then its seals'."""
    chained = verify_chain(journal_entries)
    if not chained.valid:
        return chained, None
    return chained, check(
        journal_entries,
        read(folder, journal_id),
        private_key(folder).public_key(),
        journal_id,
    )

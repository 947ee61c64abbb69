"""The personal data notice as text, free of Plone: placeholders filled, a mail's footer."""

import hashlib


# DESIGN.md §8 writes the placeholders in brackets; agents may type them without the accent.
COLLECTIVITY_PLACEHOLDERS = ("[collectivité]", "[Collectivité]", "[collectivite]")
DPO_PLACEHOLDERS = ("[DPD]", "[dpd]", "[DPO]")


def fill(template: str, collectivity: str, dpo: str) -> str:
    """The notice with the collectivity and its data protection officer in place of the placeholders."""
    text = template
    for placeholder in COLLECTIVITY_PLACEHOLDERS:
        text = text.replace(placeholder, collectivity)
    for placeholder in DPO_PLACEHOLDERS:
        text = text.replace(placeholder, dpo)
    return text


def dpo_designation(name: str, email: str, fallback: str) -> str:
    """Who [DPD] names: « Jeanne Martin (dpd@ville.fr) », or ``fallback`` when nobody is set."""
    name, email = (name or "").strip(), (email or "").strip()
    if name and email:
        return f"{name} ({email})"
    return name or email or fallback


def digest(text: str) -> str:
    """SHA-256 of the notice as shown: an acknowledgement says which text was read."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_footer(text: str, line: str) -> str:
    """A mail's text with ``line`` under a signature separator, once."""
    if line in text:
        return text
    return f"{text.rstrip()}\n\n-- \n{line}\n"

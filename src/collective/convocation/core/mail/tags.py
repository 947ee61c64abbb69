"""The i-delibRE template tags (#prenom#, #dateseance#…), free of Plone.

Agents paste their i-delibRE templates unchanged; a tag we do not know is an
error at save, never a literal "#tag#" in an official's mailbox.
"""

import re


TAGS = {
    "civilite": "civility (M., Mme)",
    "prenom": "first name",
    "nom": "last name",
    "titre": "function in the assembly",
    "username": "login",
    "typeseance": "assembly",
    "dateseance": "date of the séance",
    "heureseance": "time of the séance",
    "lieuseance": "place of the séance",
    "urlseance": "address of the séance",
    # Not i-delibRE's: the official's « Mes convocations », this convocation first, its receipt one click away.
    "urlmesconvocations": "address of Mes convocations",
    "urlpresence": "address of the attendance form",
    "presence": "attendance answered",
    "mandataire": "proxy holder",
    "collectivite": "collectivity",
}
TAG = re.compile(r"#([a-z_]+)#")


def unknown_tags(text: str) -> list[str]:
    """The tags of ``text`` that are not in TAGS, sorted."""
    return sorted({name for name in TAG.findall(text or "") if name not in TAGS})


def render(text: str, values: dict) -> str:
    """Replace every known tag by its value; a tag without a value becomes empty.

    The spaces an empty tag leaves (no civility, say) are folded away.
    """

    def value(match):
        name = match.group(1)
        return str(values.get(name, "")) if name in TAGS else match.group(0)

    rendered = TAG.sub(value, text or "")
    return "\n".join(re.sub(r" {2,}", " ", line).strip(" ") for line in rendered.split("\n"))

"""Each collectivity's personal data notice, whom it concerns, and who has read it."""

from BTrees.OOBTree import OOBTree
from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.collectivity import DEFAULT_RGPD_NOTICE
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.core import privacy_notice
from datetime import datetime
from datetime import UTC
from plone import api
from zope.annotation.interfaces import IAnnotations


ACKNOWLEDGEMENTS_KEY = "collective.convocation.privacy_acknowledgements"
PAGE = "@@donnees-personnelles"


def notice_url(collectivity):
    return f"{collectivity.absolute_url()}/{PAGE}"


def notice_text(collectivity):
    """The collectivity's notice (DESIGN.md §8 unless it wrote its own), placeholders filled."""
    # « … auprès de [DPD] »
    fallback = api.portal.translate(_("its data protection officer"))
    dpo = privacy_notice.dpo_designation(collectivity.dpo_name, collectivity.dpo_email, fallback)
    return privacy_notice.fill(
        (collectivity.rgpd_notice or "").strip() or DEFAULT_RGPD_NOTICE, collectivity.title, dpo
    )


def dpo_contact(collectivity):
    return {
        "name": collectivity.dpo_name or "",
        "email": collectivity.dpo_email or "",
        "address": collectivity.dpo_address or "",
    }


def footer_line(collectivity):
    """The line every mail to an official ends with."""
    return api.portal.translate(
        _("Your personal data and your rights: ${url}", mapping={"url": notice_url(collectivity)})
    )


def collectivities_of(userid, with_mandates=False):
    """The collectivities whose notice concerns ``userid``, by title.

    Those of their login suffix (accounts made by the add-on) and of their
    convocations, from the catalog; ``with_mandates`` adds those of their
    mandates, which have no index and are woken up.
    """
    found = {}
    suffix = userid.rpartition("@")[2] if "@" in userid else None
    if suffix:
        for brain in api.content.find(
            portal_type="Collectivity", login_suffix=suffix, unrestricted=True
        ):
            found[brain.getPath()] = brain._unrestrictedGetObject()
    # Every page an official opens asks this: the convocations' paths are
    # matched with the collectivities' in the catalog, no séance is woken.
    convocations = [
        brain.getPath()
        for brain in api.content.find(convocation_recipient=userid, unrestricted=True)
    ]
    if convocations:
        for brain in api.content.find(portal_type="Collectivity", unrestricted=True):
            prefix = brain.getPath() + "/"
            if brain.getPath() not in found and any(
                path.startswith(prefix) for path in convocations
            ):
                found[brain.getPath()] = brain._unrestrictedGetObject()
    if with_mandates:
        mandates = (
            brain._unrestrictedGetObject()
            for brain in api.content.find(portal_type="Mandate", unrestricted=True)
        )
        for mandate in mandates:
            collectivity = ancestor(mandate, ICollectivity) if mandate.official == userid else None
            if collectivity is not None:
                found["/".join(collectivity.getPhysicalPath())] = collectivity
    return sorted(found.values(), key=lambda collectivity: collectivity.title)


def acknowledgements(collectivity, create=False):
    """userid → {"at", "sha256"}: who acknowledged the notice, and which text.

    A BTree: officials acknowledging at the same moment insert different
    keys, which its conflict resolution merges; the same key twice is a
    conflict that Zope retries, and the retry finds it done.
    """
    annotations = IAnnotations(collectivity)
    found = annotations.get(ACKNOWLEDGEMENTS_KEY)
    if found is None and create:
        found = annotations[ACKNOWLEDGEMENTS_KEY] = OOBTree()
    return found


def acknowledged(collectivity, userid):
    found = acknowledgements(collectivity)
    return found.get(userid) if found is not None else None


def acknowledge(collectivity, userid, now=None):
    """Remember that ``userid`` read the notice, once; True when this call recorded it."""
    if acknowledged(collectivity, userid) is not None:
        return False
    acknowledgements(collectivity, create=True)[userid] = {
        "at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "sha256": privacy_notice.digest(notice_text(collectivity)),
    }
    return True


def pending(userid):
    """The collectivities whose notice ``userid`` has not acknowledged yet."""
    return [
        collectivity
        for collectivity in collectivities_of(userid)
        if acknowledged(collectivity, userid) is None
    ]

from Acquisition import aq_chain
from Acquisition import aq_inner


def ancestor(obj, interface):
    """The nearest container of ``obj`` (itself included) providing ``interface``, or None."""
    for parent in aq_chain(aq_inner(obj)):
        if interface.providedBy(parent):
            return parent
    return None

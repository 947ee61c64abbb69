"""What the add-on's z3c.form forms do before they act on a post."""

from plone.protect import CheckAuthenticator


def posted_data(form):
    """The form's data, from a post of the site's own page; None, with the form's error status, if invalid.

    The token is checked first: a cross-site post gets a clear refusal, not a false success.
    """
    CheckAuthenticator(form.request)
    data, errors = form.extractData()
    if errors:
        form.status = form.formErrorsMessage
        return None
    return data

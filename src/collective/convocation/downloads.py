"""Files handed to the browser or the API client to save: the headers they need."""


def attachment(response, data, content_type, filename):
    """``data`` as a file named ``filename`` to save, not a page to show; returns it."""
    response.setHeader("Content-Type", content_type)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return data

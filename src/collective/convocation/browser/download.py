from collective.convocation.operations.documents import attachment
from Products.Five.browser import BrowserView


class Download(BrowserView):
    """A file made from the context, offered to save rather than shown as a page.

    ``make(context, kind)`` returns (bytes, content type, filename); each format is its own view.
    """

    make = None
    kind = None

    def __call__(self):
        return attachment(self.request.response, *type(self).make(self.context, self.kind))

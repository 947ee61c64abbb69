"""Electronic convocation of elected officials for French local authorities."""

PACKAGE_NAME = "collective.convocation"


def __getattr__(name):
    # ``_`` is made on first use: importing the pure package (core/) loads no zope module.
    if name == "_":
        from zope.i18nmessageid import MessageFactory

        globals()["_"] = MessageFactory(PACKAGE_NAME)
        return globals()["_"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

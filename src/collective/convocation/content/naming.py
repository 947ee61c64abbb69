class NameFromTitle:
    """Name content after its title, or the title it will get when the form left it empty.

    Séances default to « Séance du … » and mandates to their official and
    function: both known before the object is added, when its id is chosen.
    """

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return self.context.title or self.context.default_title()

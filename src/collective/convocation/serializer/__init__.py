"""plone.restapi serializers of the add-on: the questionnaire (an EasyForm) and its saved data."""

"""The REST API, as plone.restapi lays it out: one folder per endpoint (``<endpoint>/get.py``, ``post.py``).

Beside them, what every service shares: ``body.py`` reads the input, ``errors.py``
words the refusals, ``csrf.py`` refuses cross-site requests. The field
deserializers and the questionnaire's serializer are in ``deserializer/`` and
``serializer/``, next to this package; the schemas a service shares with its
form in ``schemas.py``.
"""

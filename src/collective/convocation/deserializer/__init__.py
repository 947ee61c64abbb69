"""plone.restapi's field deserializers, made to refuse bad values in French (400) instead of an error 500."""

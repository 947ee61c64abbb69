"""Domain rules and renderers that need no site: importable with no zope or Plone module loaded."""

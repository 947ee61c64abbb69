"""The operations both faces use, the browser views and the REST services: one module per concept."""

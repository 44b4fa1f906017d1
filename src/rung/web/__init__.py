"""rung's dashboard: server-rendered pages (Jinja2 templates, SVG drawn here) on the API's reads."""

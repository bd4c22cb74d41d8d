"""Rendering: the page plan, the pages, and the Jinja environment with its templates.

Python decides what goes where (plan, pages, linkify, timeline); the templates in
`templates/` only present, with HTML autoescaping."""

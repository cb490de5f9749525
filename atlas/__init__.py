"""The Foundation Model Atlas catalog library.

It loads the YAML under ``data/`` into one validated, cross-referenced and
immutable :class:`~atlas.load.Catalog`, renders it into Markdown for the site,
and writes the public export. It needs nothing from MkDocs (only
``render/ahead.py`` imports it, inside a build): ``macros.py`` and the files in
``hooks/`` are the adapters between this package and the site build.
"""

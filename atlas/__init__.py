"""The Foundation Model Atlas catalog library.

It loads the YAML under ``data/`` into one validated, cross-referenced and
immutable :class:`~atlas.load.Catalog`, renders it into page text for the site,
and writes the public export. It imports nothing from MkDocs: ``macros.py`` and
the files in ``hooks/`` are the adapters between this package and the site build.
"""

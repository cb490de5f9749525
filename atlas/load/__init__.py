"""YAML under data/ -> one validated, cross-referenced, immutable Catalog, in named steps.

1. ``files.read_files``: find every data file and parse it (line-aware; stray files are errors)
2. ``catalog.validate_files``: each file against its model; ids collected, duplicates found
3. ``references.check_references``: every id named exists; every fact has a source
4. ``catalog.build_catalog``: the immutable Catalog and its indexes

Every error is collected and reported at once, each beginning with ``file:line: path:``.
Call :func:`load_catalog` once per build.
"""

from .catalog import Catalog, ResultRecord, gc_paused, load_catalog

__all__ = ["Catalog", "ResultRecord", "gc_paused", "load_catalog"]

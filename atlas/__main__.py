"""Command line: ``python -m atlas validate | export | pages``.

``validate`` checks every data file and every page link between entities and
pages; it prints every error as ``file:line: path: message`` and exits 1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CatalogError
from .load import load_catalog


def _load(root: Path):
    from .pages import check_pages

    catalog = load_catalog(root)
    check_pages(catalog, root / "docs")
    return catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Foundation Model Atlas data tools")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (holds data/ and docs/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every data file; report every error at once")
    exp = sub.add_parser("export", help="write catalog.json and the CSV files")
    exp.add_argument("--out", type=Path, default=Path("site/api"))
    pages = sub.add_parser("pages", help="write the standard page of every entity that has none")
    pages.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)

    try:
        if args.command == "validate":
            c = _load(args.root)
            print(f"ok: {len(c.families)} families, {len(c.variants)} variants, {len(c.datasets)} datasets, "
                  f"{len(c.benchmarks)} benchmarks, {len(c.methods)} methods, {len(c.results)} results, {len(c.sources)} sources")
        elif args.command == "export":
            c = _load(args.root)
            from .export import write_exports

            for path in write_exports(c, args.out):
                print(f"wrote {path}")
        elif args.command == "pages":
            from .scaffold import page_path, page_text

            c = load_catalog(args.root)
            for kind, store in (("family", c.families), ("dataset", c.datasets), ("benchmark", c.benchmarks), ("method", c.methods)):
                for eid, entity in store.items():
                    path = args.root / page_path(kind, eid)
                    if not path.exists():
                        print(f"{'would write' if args.dry_run else 'wrote'} {path}")
                        if not args.dry_run:
                            path.parent.mkdir(parents=True, exist_ok=True)
                            path.write_text(page_text(kind, eid, entity.name), encoding="utf-8")
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m atlas validate | export | pages | new | schema | audit | bench``.

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


def _new(args) -> int:
    import datetime as dt
    import re

    from . import schema as S
    from .scaffold import page_path, page_text, skeleton, variant_skeleton

    if not re.fullmatch(S.ID_PATTERN, args.id):
        print(f'error: "{args.id}" is not a valid id: {S.PATTERN_HELP[S.ID_PATTERN]}', file=sys.stderr)
        return 2
    name = args.name or args.id
    if args.kind == "variant":
        if not args.family:
            print("error: a variant needs --family FAMILY_ID", file=sys.stderr)
            return 2
        path = args.root / "data" / "models" / f"{args.family}.yaml"
        if not path.exists():
            print(f"error: {path} does not exist", file=sys.stderr)
            return 2
        text = path.read_text(encoding="utf-8")
        top_keys = re.findall(r"^([A-Za-z_]+):", text, re.M)
        if not top_keys or top_keys[-1] != "variants":
            print(f"error: add the variant by hand: in {path}, 'variants:' is not the last key", file=sys.stderr)
            return 2
        path.write_text(text.rstrip("\n") + "\n" + variant_skeleton(args.id, name), encoding="utf-8")
        print(f"added variant {args.id} to {path}; fill in its values, then run: python -m atlas validate")
        return 0
    folder = {"family": "models", "dataset": "datasets", "benchmark": "benchmarks"}[args.kind]
    data_path = args.root / "data" / folder / f"{args.id}.yaml"
    page = args.root / page_path(args.kind, args.id)
    for path in (data_path, page):
        if path.exists():
            print(f"error: {path} exists already", file=sys.stderr)
            return 2
    data_path.write_text(skeleton(args.kind, args.id, name, dt.date.today().isoformat()), encoding="utf-8")
    page.write_text(page_text(args.kind, args.id, name), encoding="utf-8")
    print(f"wrote {data_path} and {page}; replace every TODO, then run: python -m atlas validate")
    return 0


def _schema(root: Path) -> None:
    from . import schema as S
    from .export import schema_files

    for name, content in schema_files().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path}")
    data = root / "data"
    for path in sorted(data.rglob("*.yaml")):
        rel = path.relative_to(data).as_posix()
        try:
            header = S.schema_header(rel)
        except KeyError:
            continue
        text = path.read_text(encoding="utf-8")
        if not text.startswith(header + "\n"):
            lines = text.splitlines(keepends=True)
            if lines and lines[0].startswith("# yaml-language-server:"):
                lines = lines[1:]
            path.write_text(header + "\n" + "".join(lines), encoding="utf-8")
            print(f"added the schema line to {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Foundation Model Atlas data tools")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (holds data/ and docs/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every data file; report every error at once")
    exp = sub.add_parser("export", help="write catalog.json and the CSV files")
    exp.add_argument("--out", type=Path, default=Path("site"), help="a built site folder; files go to <out>/api and <out>/llms.txt")
    pages = sub.add_parser("pages", help="write the standard page of every entity that has none")
    pages.add_argument("--dry-run", action="store_true")
    new = sub.add_parser("new", help="write the YAML skeleton (and the page) of a new entity")
    new.add_argument("kind", choices=("family", "variant", "dataset", "benchmark"))
    new.add_argument("id")
    new.add_argument("--name", help="display name (default: the id)")
    new.add_argument("--family", help="for a variant: the family id whose file it is added to")
    sub.add_parser("audit", help="coverage per field, results per benchmark and setting, stale and unsourced facts (exit 1 if any value lacks a source)")
    bench = sub.add_parser("bench", help="build synthetic catalogs of several sizes with the atlas and as plain Markdown; print and save the measurements")
    bench.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    bench.add_argument("--out", type=Path, default=Path("bench-results.json"))
    bench.add_argument("--no-browser", action="store_true", help="skip the time-to-first-search-result measurement")
    bench.add_argument("--repeats", type=int, default=5, help="pairs of builds per size below 10,000 families; the ratio is their median (default 5)")
    sub.add_parser("schema", help="write schema/*.schema.json from atlas/schema.py and the editor line atop every data file")
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
        elif args.command == "new":
            return _new(args)
        elif args.command == "schema":
            _schema(args.root)
        elif args.command == "bench":
            from .bench import run

            report = run(args.sizes, args.out, browser=not args.no_browser, repeats=args.repeats)
            print(f"wrote {args.out} ({len(report['rows'])} sizes)")
        elif args.command == "audit":
            from .audit import audit, report

            result = audit(_load(args.root))
            print(report(result), end="")
            return 1 if result.unsourced else 0
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m atlas validate | export | pages | new | schema | audit | bench``.

``validate`` checks every data file and every page link between entities and pages; it
prints every error as ``file:line: path: message`` and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CatalogError
from .load import load_catalog


def _load(root: Path):
    from .checks import check_pages

    catalog = load_catalog(root)
    check_pages(catalog, root / "docs")
    return catalog


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _new(args) -> int:
    """Write the skeleton of a new entity (and its page), a variant or a results file."""
    import datetime as dt
    import re

    from . import kinds, scaffold
    from . import schema as S

    if not re.fullmatch(S.ID_PATTERN, args.id):
        return _fail(f'"{args.id}" is not a valid id: {S.PATTERN_HELP[S.ID_PATTERN]}')
    name = args.name or args.id
    if args.kind == "variant":
        if not args.family:
            return _fail("a variant needs --family FAMILY_ID")
        path = args.root / kinds.data_path("family", args.family)
        if not path.exists():
            return _fail(f"{path} does not exist")
        text = path.read_text(encoding="utf-8")
        top_keys = re.findall(r"^([A-Za-z_]+):", text, re.M)
        if not top_keys or top_keys[-1] != "variants":
            return _fail(f"add the variant by hand: in {path}, 'variants:' is not the last key")
        path.write_text(
            text.rstrip("\n") + "\n" + scaffold.variant_skeleton(args.id, name), encoding="utf-8"
        )
        print(
            f"added variant {args.id} to {path}; fill in its values, then run: python -m atlas validate"
        )
        return 0
    if args.kind == "result":
        path = args.root / "data" / "results" / f"{args.id}.yaml"
        if path.exists():
            return _fail(f"{path} exists already: add the results to it")
        path.write_text(scaffold.results_skeleton(args.id), encoding="utf-8")
        print(f"wrote {path}; replace every TODO, then run: python -m atlas validate")
        return 0
    data = args.root / kinds.data_path(args.kind, args.id)
    page = args.root / scaffold.page_path(args.kind, args.id)
    for path in (data, page):
        if path.exists():
            return _fail(f"{path} exists already")
    data.write_text(
        scaffold.skeleton(args.kind, args.id, name, dt.date.today().isoformat()), encoding="utf-8"
    )
    page.write_text(scaffold.page_text(args.kind, args.id, name), encoding="utf-8")
    print(f"wrote {data} and {page}; replace every TODO, then run: python -m atlas validate")
    return 0


def _pages(root: Path, dry_run: bool) -> None:
    """Write the standard page of every entity that has none."""
    from .kinds import KINDS
    from .scaffold import page_path, page_text

    catalog = load_catalog(root)
    for k in KINDS:
        for eid, entity in catalog.store(k.name).items():
            path = root / page_path(k.name, eid)
            if not path.exists():
                print(f"{'would write' if dry_run else 'wrote'} {path}")
                if not dry_run:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(page_text(k.name, eid, entity.name), encoding="utf-8")


def _schema(root: Path) -> None:
    """Write schema/*.schema.json and the editor line atop every data file."""
    from .export import schema_files
    from .kinds import schema_header

    for name, content in schema_files().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path}")
    data = root / "data"
    for path in sorted(data.rglob("*.yaml")):
        try:
            header = schema_header(path.relative_to(data).as_posix())
        except KeyError:
            continue
        text = path.read_text(encoding="utf-8")
        if not text.startswith(header + "\n"):
            lines = text.splitlines(keepends=True)
            if lines and lines[0].startswith("# yaml-language-server:"):
                lines = lines[1:]
            path.write_text(header + "\n" + "".join(lines), encoding="utf-8")
            print(f"added the schema line to {path}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m atlas", description="Foundation Model Atlas data tools"
    )
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="project root (holds data/ and docs/)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every data file; report every error at once")
    exp = sub.add_parser(
        "export", help="write catalog.json, the CSV files, sources.bib and llms.txt"
    )
    exp.add_argument(
        "--out", type=Path, default=Path("site"), help="files go to <out>/api and <out>/llms.txt"
    )
    exp.add_argument(
        "--html-urls",
        action="store_true",
        help="page URLs as models/llama.html (the offline build's style)",
    )
    pages = sub.add_parser("pages", help="write the standard page of every entity that has none")
    pages.add_argument("--dry-run", action="store_true")
    new = sub.add_parser(
        "new", help="write the skeleton of a new entity (and its page), a variant or a results file"
    )
    new.add_argument("kind", choices=("family", "variant", "dataset", "benchmark", "result"))
    new.add_argument(
        "id", help="the new id; for a result, the id of the source that reports the results"
    )
    new.add_argument("--name", help="display name (default: the id)")
    new.add_argument("--family", help="for a variant: the family id whose file it is added to")
    sub.add_parser(
        "audit",
        help="coverage per field, field rules, stale and unsourced facts (exit 1 if a rule is broken)",
    )
    bench = sub.add_parser(
        "bench", help="build benchmarks (tools/bench.py; see its --help)", add_help=False
    )
    bench.add_argument("rest", nargs=argparse.REMAINDER)
    sub.add_parser(
        "schema",
        help="write schema/*.schema.json from atlas/schema.py and the editor line atop every data file",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            c = _load(args.root)
            print(
                f"ok: {len(c.families)} families, {len(c.variants)} variants, {len(c.datasets)} datasets, "
                f"{len(c.benchmarks)} benchmarks, {len(c.methods)} methods, {len(c.results)} results, {len(c.sources)} sources"
            )
        elif args.command == "export":
            from .export import write_exports

            for path in write_exports(
                _load(args.root), args.out, directory_urls=not args.html_urls
            ):
                print(f"wrote {path}")
        elif args.command == "pages":
            _pages(args.root, args.dry_run)
        elif args.command == "new":
            return _new(args)
        elif args.command == "schema":
            _schema(args.root)
        elif args.command == "bench":
            import runpy

            sys.argv = ["tools/bench.py", *args.rest]
            runpy.run_path(
                str(Path(__file__).resolve().parent.parent / "tools" / "bench.py"),
                run_name="__main__",
            )
        elif args.command == "audit":
            from .audit import audit, report

            result = audit(_load(args.root))
            print(report(result), end="")
            return 1 if result.broken else 0
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

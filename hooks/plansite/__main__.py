"""Maintainer commands, run through scripts/: validate, new-plan, translation-report."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def validate(args) -> int:
    from .addresses import PUBLISHED, record
    from .load import load_site
    from .problems import DataError

    try:
        site = load_site(ROOT)
    except DataError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in data/", file=sys.stderr)
        return 1
    print(f"data/ is valid: {len(site.plans)} plans, {len(site.items)} items, {len(site.themes)} themes, {len(site.agencies)} agencies")
    if new := record(ROOT, site.addresses):
        print(f"{len(new)} new address(es) recorded in {PUBLISHED} (commit it with your change): {', '.join(new[:3])}{' …' if len(new) > 3 else ''}")
    return 0


def new_plan(args) -> int:
    from .skeleton import create

    try:
        path = create(ROOT, args.id, args.code)
    except ValueError as exc:
        print(f"scripts/new-plan: {exc}", file=sys.stderr)
        return 2
    print(f"Created {path.relative_to(ROOT)}. Replace every 待填写/FILL IN placeholder, then run scripts/validate.")
    return 0


def site_extras(args) -> int:
    import os

    from .load import load_site
    from .opendata import write_open_data
    from .problems import DataError
    from .search import write_search_index

    os.nice(10)  # after the browser and the next build
    try:
        site = load_site(ROOT)
    except DataError as exc:  # the build reports the problems; the previous open data and index stay
        print(exc, file=sys.stderr)
        return 1
    from .traditional import Converter

    converter = Converter(site.traditional)
    write_open_data(site, args.site_dir, converter)
    write_search_index(site, args.site_dir, converter)
    return 0


def translation_report(args) -> int:
    from .translation import report

    text, missing = report(ROOT)
    print(text)
    return 1 if (missing and args.strict) else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="plansite")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check all of data/ without building the site").set_defaults(run=validate)
    p = sub.add_parser("new-plan", help="create a plan skeleton in data/plans/ID.yaml")
    p.add_argument("id", help="plan ID, lowercase letters, digits and hyphens (e.g. foshan)")
    p.add_argument("--code", help="2-4 letter prefix of the plan's item IDs (default: first two letters of the ID)")
    p.set_defaults(run=new_plan)
    p = sub.add_parser("translation-report", help="fields that lack English or whose English equals the Chinese, long English sentences, rejected renderings")
    p.add_argument("--strict", action="store_true", help="exit 1 when anything is reported (sentences of 61-80 words are listed but do not count)")
    p.set_defaults(run=translation_report)
    p = sub.add_parser("site-extras", help="write the open data and the search index into a built site (scripts/serve runs it after each build)")
    p.add_argument("site_dir", type=Path)
    p.set_defaults(run=site_extras)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

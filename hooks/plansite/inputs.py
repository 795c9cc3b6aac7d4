"""The files the generated pages are made from, as (path, modification time, size): under `mkdocs serve`, how a
rebuild knows whether to load the data again and which pages to render again."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parent


def fingerprint(root: Path) -> tuple:
    """Changes whenever a data file, a template, a strings file or the code changes."""
    paths = list((root / "data").rglob("*")) + list(PACKAGE.rglob("*"))
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()))


def shared_key(stamps: tuple, root: Path) -> tuple:
    """The stamps of every input but the plan files, which render_all follows one by one."""
    plans = str(root / "data" / "plans") + "/"
    return tuple(entry for entry in stamps if not entry[0].startswith(plans))

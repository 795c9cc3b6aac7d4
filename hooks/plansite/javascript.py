"""The site's own scripts as a built site sends them: without comments and spare white space (rjsmin). The sources
in docs/assets/ stay as written, and so does the preview under `mkdocs serve`, where they are read while debugging."""
from __future__ import annotations

from pathlib import Path

import rjsmin


def minify_scripts(site_dir: Path) -> list[tuple[str, int, int]]:
    """Rewrite each script of site/assets/ (not the theme's, already minified); returns (file, bytes before, after)."""
    report = []
    for script in sorted((site_dir / "assets").glob("*.js")):
        source = script.read_text(encoding="utf-8")
        small = rjsmin.jsmin(source)
        script.write_text(small, encoding="utf-8")
        report.append((script.name, len(source.encode()), len(small.encode())))
    return report

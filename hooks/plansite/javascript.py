"""The site's own scripts as a built site sends them: without comments and spare white space (rjsmin). The sources
in docs/assets/ stay as written, and so does the preview under `mkdocs serve`, where they are read while debugging."""
from __future__ import annotations

from pathlib import Path

import rjsmin


def minify_scripts(site_dir: Path) -> None:
    """Rewrite each script of site/assets/ (not the theme's, already minified)."""
    for script in sorted((site_dir / "assets").glob("*.js")):
        script.write_text(rjsmin.jsmin(script.read_text(encoding="utf-8")), encoding="utf-8")

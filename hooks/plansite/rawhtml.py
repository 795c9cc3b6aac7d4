"""Raw HTML blocks kept out of Markdown's way: set aside before conversion, put back into the converted page.

Markdown passes raw HTML through unchanged but parses it first, which was most of the build time for the large plan
pages. Blocks that ask Markdown to look inside them (the `markdown` attribute) are left in place.
"""
from __future__ import annotations

import re

MARK = "PLANSITERAW{}X"
PLACEHOLDER = re.compile(r"<p>PLANSITERAW(\d+)X</p>")
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each raw HTML block replaced by a one-word placeholder paragraph, and the blocks."""
    chunks, blocks = [], []
    for chunk in markdown.split("\n\n"):
        if chunk.lstrip().startswith("<") and "markdown" not in chunk.split(">", 1)[0]:
            chunks.append(MARK.format(len(blocks)))
            blocks.append(chunk)
        else:
            chunks.append(chunk)
    return "\n\n".join(chunks), blocks


def restore(html: str, blocks: list[str]) -> str:
    return PLACEHOLDER.sub(lambda m: blocks[int(m[1])], html)


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids in the blocks: anchors that links into the page may point at."""
    return {id_ for block in blocks for id_ in ANCHOR_ID.findall(block)}

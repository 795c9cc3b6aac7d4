"""axe-core in Chromium: no serious or critical accessibility violation on representative pages, every edition."""
from __future__ import annotations

import json
from pathlib import Path

import axe_playwright_python
import pytest

from conftest import open_page

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
PAGES = ["/", "/plans/guangzhou/", "/themes/pledge-financing/", "/themes/", "/finder/", "/indicators/", "/progress/", "/search/?q=质押融资"]


# The English plan page is another plan's, Zhongshan's: the same kind of page with a second plan's content, where
# Guangzhou's again (the longest page, with 2.3 times as many elements: 3,496 against 1,544) would take 2.3 times as
# long.
# The Traditional edition has the Simplified one's markup, converted (test_traditional.py compares them): its home
# page and the pages whose scripts write their own wording (the finder, search).
CASES = [("zh", path) for path in PAGES] + [("en", path.replace("guangzhou", "zhongshan")) for path in PAGES] + \
        [("zh-hant", path) for path in ("/", "/finder/", "/search/?q=質押融資")]


@pytest.mark.parametrize("lang, path", CASES)
def test_no_serious_violation(tab, server, path, lang):
    prefix = "" if lang == "zh" else f"/{lang}"
    open_page(tab, server + prefix + path)
    # The pages lay out tasks, boxes and tables only near the screen (content-visibility: auto). axe reads colours
    # from the elements at each point, which for content the browser skipped gives the colours of whatever is drawn
    # there (the header, on a long page): everything is laid out first, as it is for a reader once it is near.
    tab.add_style_tag(content="* { content-visibility: visible !important; }")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)

"""axe-core in Chromium: no serious or critical accessibility violation on representative pages, both languages."""
from __future__ import annotations

import json
from pathlib import Path

import axe_playwright_python
import pytest

from conftest import open_page

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
PAGES = ["/", "/plans/guangzhou/", "/plans/zhuhai/", "/themes/pledge-financing/", "/themes/", "/finder/", "/indicators/", "/progress/", "/search/?q=质押融资"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_violation(tab, server, path, lang):
    prefix = "" if lang == "zh" else "/en"
    open_page(tab, server + prefix + path)
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)

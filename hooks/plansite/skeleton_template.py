"""The text of a new plan file (see skeleton.py), rendered from templates/new-plan.yaml.j2."""
from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATE = Path(__file__).with_name("templates") / "new-plan.yaml.j2"


def render_skeleton(plan_id: str, code: str, order: int) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.from_string(TEMPLATE.read_text(encoding="utf-8")).render(id=plan_id, code=code, order=order)

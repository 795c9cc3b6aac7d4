"""scripts/new-plan: a plan file with every required field, holding placeholders that validation rejects."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TEMPLATE = Path(__file__).with_name("templates") / "new-plan.yaml.j2"


def render_skeleton(plan_id: str, code: str, order: int) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.from_string(TEMPLATE.read_text(encoding="utf-8")).render(id=plan_id, code=code, order=order)


def create(root: Path, plan_id: str, code: str | None = None) -> Path:
    if not ID.match(plan_id):
        raise ValueError(f"'{plan_id}' is not a valid plan ID: use lowercase letters, digits and single hyphens")
    code = code or re.sub(r"[^a-z]", "", plan_id)[:2]
    if not re.fullmatch(r"[a-z]{2,4}", code):
        raise ValueError(f"'{code}' is not a valid code: give --code with 2-4 lowercase letters")
    plans = root / "data" / "plans"
    path = plans / f"{plan_id}.yaml"
    if path.exists():
        raise ValueError(f"{path.relative_to(root)} already exists")
    for other in plans.glob("*.yaml"):
        if re.search(rf"^code: {code}$", other.read_text(encoding="utf-8"), re.M):
            raise ValueError(f"code '{code}' is used by {other.relative_to(root)}: choose another with --code")
    order = 1 + max((int(m) for other in plans.glob("*.yaml") for m in re.findall(r"^order: (\d+)$", other.read_text(encoding="utf-8"), re.M)), default=0)
    path.write_text(render_skeleton(plan_id, code, order), encoding="utf-8")
    return path

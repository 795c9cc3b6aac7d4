"""The data files load and validate; bad input is reported as one line naming file, line and field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from plansite.load import load_site
from plansite.problems import DataError

from conftest import ROOT, copy_project

LINE = re.compile(r"^data/[\w/.-]+\.yaml:\d+:\d+: .+$")


def test_real_data_is_valid():
    site = load_site(ROOT)
    assert [p["id"] for p in site.plans][:2] == ["guangzhou", "nansha"]
    assert {i.kind for i in site.items.values()} == {"task", "box", "indicator"}


def test_every_data_file_declares_its_schema_for_editors():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=")[1]).resolve()
        assert schema.is_file(), f"{path}: {schema} does not exist"


def problems_after(tmp_path: Path, file: str, old: str, new: str, count: int = 1) -> list[str]:
    copy_project(tmp_path)  # data/ and the hand-written pages (published addresses)
    target = tmp_path / "data" / file
    text = target.read_text(encoding="utf-8")
    assert old in text, f"test fixture: {old!r} not in {file}"
    target.write_text(text.replace(old, new, count), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    lines = str(caught.value).splitlines()
    for line in lines:
        assert LINE.match(line), line
    return lines


def line_of(file: str, needle: str, nth: int = 1) -> int:
    lines = (ROOT / "data" / file).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[nth - 1]


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    (line,) = problems_after(tmp_path, "plans/nansha.yaml", "id: nansha\n", "id: [nansha\n")
    assert line.startswith("data/plans/nansha.yaml:")
    assert "YAML syntax error" in line



def test_empty_english_is_reported_with_its_path(tmp_path):
    no = line_of("plans/nansha.yaml", "id: ns-t13")
    text = (ROOT / "data/plans/nansha.yaml").read_text(encoding="utf-8").splitlines()
    en_line = next(text[i] for i in range(no, no + 10) if text[i].strip().startswith("en: "))
    (line,) = problems_after(tmp_path, "plans/nansha.yaml", en_line + "\n", en_line.split("en: ")[0] + "en: ''\n")
    assert re.match(r"data/plans/nansha\.yaml:\d+:\d+: chapters\[2\]\.sections\[3\]\.blocks\[1\]\.task\.title\.en: English text is missing$", line), line


def test_duplicate_id(tmp_path):
    (line,) = problems_after(tmp_path, "plans/nansha.yaml", "id: ns-t2\n", "id: ns-t1\n")
    assert "task.id: duplicate ID 'ns-t1' (first used at data/plans/nansha.yaml:" in line


def test_unknown_agency_suggests_the_closest(tmp_path):
    lines = problems_after(tmp_path, "plans/guangzhou.yaml", "- gz-amr\n", "- gz-amx\n")
    assert len(lines) == 1
    assert "responsibility.lead[0]: unknown agency 'gz-amx' (did you mean 'gz-amr'?)" in lines[0]


def test_target_must_be_a_number(tmp_path):
    (line,) = problems_after(tmp_path, "plans/nansha.yaml", "target: 30\n", "target: thirty\n")
    assert "measures[0].target: expected number, got str 'thirty'" in line


def test_missing_baseline_must_be_explicit(tmp_path):
    (line,) = problems_after(tmp_path, "plans/nansha.yaml", "baseline: null\n", "\n")
    assert line.endswith("measures[0].baseline: required field is missing")


def test_unknown_field_suggests_the_known_one(tmp_path):
    (line,) = problems_after(tmp_path, "plans/nansha.yaml", "code: ns\n", "code: ns\ntitel: x\n")
    assert re.match(r"data/plans/nansha\.yaml:4:1: titel: unknown field 'titel' \(did you mean 'title'\?\)$", line), line


def test_chinese_left_in_english(tmp_path):
    (line,) = problems_after(tmp_path, "plans/nansha.yaml", "  en: Nansha plan\n", "  en: Nansha 规划\n")
    assert line.endswith("short_title.en: English text contains Chinese characters: '规'")


def test_file_not_utf8(tmp_path):
    copy_project(tmp_path)  # data/ and the hand-written pages (published addresses)
    (tmp_path / "data/plans/nansha.yaml").write_bytes("id: 南沙\n".encode("gb18030"))
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    assert str(caught.value) == "data/plans/nansha.yaml:1:5: file is not UTF-8 (byte 0xc4); save it as UTF-8"


def test_empty_file(tmp_path):
    copy_project(tmp_path)  # data/ and the hand-written pages (published addresses)
    (tmp_path / "data/plans/nansha.yaml").write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    assert str(caught.value) == "data/plans/nansha.yaml:1:1: file is empty"


def test_duplicate_yaml_key(tmp_path):
    (line,) = problems_after(tmp_path, "plans/nansha.yaml", "code: ns\n", "code: ns\ncode: nx\n")
    assert re.match(r"data/plans/nansha\.yaml:4:1: code: duplicate key \(first given on line 3\)$", line), line

"""Every task and box says whom it addresses; items naming Hong Kong or Macao carry that audience; a narrower audience
also finds the items for the broader group it is within, and a task without an audience stops the build."""
from __future__ import annotations

import re
import shutil

import pytest
from plansite.finder import selected
from plansite.identity import body_text
from plansite.load import load_site
from plansite.problems import DataError

from conftest import ROOT, drop_tag_list

HONG_KONG_MACAO = re.compile("香港|澳门|港澳|粤港|粤澳|深港|穗港|穗澳|珠澳")


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


def tasks_and_boxes(site):
    return [item for item in site.items.values() if item.kind != "indicator"]


def test_every_task_and_box_names_an_audience(site):
    assert [item.id for item in tasks_and_boxes(site) if not item.data.get("audiences")] == []


def test_items_naming_hong_kong_or_macao_carry_that_audience(site):
    named = [item for item in tasks_and_boxes(site) if HONG_KONG_MACAO.search(item.data["title"]["zh"] + body_text(item, "zh"))]
    assert len(named) > 20
    assert [item.id for item in named if "hk-macao" not in item.data["audiences"]] == []
    tagged = [item.id for item in tasks_and_boxes(site) if "hk-macao" in item.data["audiences"]]
    assert sorted(tagged) == sorted(item.id for item in named)


def test_an_sme_finds_the_items_for_all_enterprises(site):
    found = {item.id for item in selected(site, {"theme": "pledge-financing", "audience": "sme"})}
    # Zhongshan 二.8 is for enterprises seeking IP financing, without naming SMEs.
    assert "zs-t2-8" in found and "sme" not in site.items["zs-t2-8"].data["audiences"]
    assert {"gz-t27", "ns-t13", "zh-t12"} <= found
    assert "gz-b5" not in found  # for high-tech (digital economy) enterprises only


def test_a_task_without_audience_stops_the_build_with_file_and_line(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    drop_tag_list(tmp_path / "data/plans/zhongshan.yaml", "zs-t1-1", "audiences")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    [message] = [line for line in str(caught.value).splitlines() if "audience" in line]
    assert re.fullmatch(r"data/plans/zhongshan\.yaml:\d+:\d+: chapters\[\d+\]\.sections\[\d+\]\.blocks\[\d+\]\.task: task 'zs-t1-1' names no audience: .+", message)

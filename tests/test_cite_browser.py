"""The cite box in Chromium: the copy button puts the citation, with the full address and the reader's date, on the
clipboard without leaving the page, on a desktop and on a phone, with the Clipboard API and without it."""
from __future__ import annotations

import datetime
import re

GBT_ZHUHAI = "珠海市市场监督管理局（珠海市知识产权局）. 珠海市知识产权事业发展“十四五”规划[EB/OL]. (2022-01-10)[{date}]. {base}/plans/zhuhai/."
NO_CLIPBOARD_API = """
Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});
const execCommand = document.execCommand.bind(document);
document.execCommand = (command, ...rest) => {
  if (command === 'copy') window.copiedBySelection = document.activeElement.value;
  return execCommand(command, ...rest);
};
"""


def _days() -> set[str]:
    today = datetime.date.today()
    return {today.isoformat(), (today + datetime.timedelta(days=1)).isoformat()}


def _open_plan_cite(tab, url: str, tap: bool = False):
    tab.goto(url)
    box = tab.locator(".plan-document details.cite-plan")
    (box.locator("summary").tap if tap else box.locator("summary").click)()
    button = box.locator("button.cite-copy").first
    button.wait_for()
    return box, button


def test_copy_button_puts_the_citation_on_the_clipboard(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    url = server + "/plans/zhuhai/"
    box, button = _open_plan_cite(tab, url)
    button.click()
    tab.wait_for_function("document.querySelector('.cite-plan .cite-copy').textContent === '已复制'")
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied in {GBT_ZHUHAI.format(date=d, base=server) for d in _days()}
    assert tab.url == url  # the page did not change
    assert tab.locator("[role=status]").last.text_content() == "已复制"  # told to screen readers
    # The English form on the same box.
    box.locator("button.cite-copy").nth(1).click()
    tab.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('Zhuhai'))")
    english = tab.evaluate("navigator.clipboard.readText()")
    assert f", issued 10 January 2022, English translation in Greater Bay Area IP 14th Five-Year Plans, {server}/en/plans/zhuhai/ (last visited " in english
    assert re.search(r"\(last visited \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\)\.$", english)
    context.close()


def test_copy_button_works_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    url = server + "/en/plans/guangzhou/#gz-t27"
    tab.goto(url)
    box = tab.locator("#gz-t27 ~ .item details.cite").first
    box.locator("summary").tap()
    button = box.locator("button.cite-copy").nth(1)
    button.wait_for()
    size = button.bounding_box()
    assert size["height"] >= 24 and size["x"] + size["width"] <= 390  # a target a finger can hit, on the screen
    button.tap()
    tab.wait_for_function("navigator.clipboard.readText().then(t => t.includes('Task 27'))")
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Guangzhou 14th Five-Year Plan for the Protection and Utilization of Intellectual Property [")
    assert f"{server}/en/plans/guangzhou/#gz-t27 (last visited " in copied
    assert tab.url == url
    context.close()


def test_copy_button_works_without_the_clipboard_api(browser, server):
    context = browser.new_context()
    context.add_init_script(NO_CLIPBOARD_API)
    tab = context.new_page()
    url = server + "/plans/zhuhai/"
    box, button = _open_plan_cite(tab, url)
    button.click()
    tab.wait_for_function("window.copiedBySelection !== undefined")
    assert tab.evaluate("window.copiedBySelection") in {GBT_ZHUHAI.format(date=d, base=server) for d in _days()}
    assert button.text_content() == "已复制"
    assert tab.evaluate("document.activeElement.classList.contains('cite-copy')")  # the focus came back
    assert tab.locator("textarea").count() == 0 and tab.url == url
    context.close()


def test_without_javascript_the_citation_reads_with_a_slot_for_the_date(tab_with, server):
    tab = tab_with(java_script_enabled=False)
    tab.goto(server + "/plans/zhuhai/")
    box = tab.locator(".plan-document details.cite-plan")
    box.locator("summary").click()
    assert box.locator(".cite-text").first.inner_text() == "珠海市市场监督管理局（珠海市知识产权局）. 珠海市知识产权事业发展“十四五”规划[EB/OL]. (2022-01-10)[引用日期]. plans/zhuhai/."
    assert box.locator("button").count() == 0  # no button that could not work

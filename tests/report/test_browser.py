"""The HTML report and `claimcheck serve`, driven in headless Chromium.

These need Debian's chromium and chromium-driver (`make test` installs them when it
can) and selenium; without them they skip, saying what is missing.
"""

import shutil
import threading

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.httpd import make_server
from claimcheck.io.documents import load_document
from claimcheck.retrieve.build import build_index
from claimcheck.server import App

STATEMENT = """1. Summary of the impact
The scheme has trained 2,410 nurses in 14 hospitals since 2016.
Its pilot, which cost £1,234,567.89, reached 112% of the wards.

4. Details of the impact
So far, more than 2,400 nurses from 19 different hospitals have been trained in the scheme [S1].
"""
NETWORK = "The network now links 9 regional centres: Leeds, York, Hull and Bradford.\n"


@pytest.fixture(scope="module")
def browser():
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.skip("no headless browser: install Debian's chromium and chromium-driver "
                    "(make test does when it runs as root)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000"):
        options.add_argument(arg)
    drv = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))
    drv.implicitly_wait(10)
    yield drv
    drv.quit()


def _by_css(drv, selector):
    return drv.find_elements("css selector", selector)


def _visible_cards(drv):
    return [c for c in _by_css(drv, ".card") if c.is_displayed()]


def _row_totals(drv):
    return {r.get_attribute("data-doc").rsplit("/", 1)[-1]: int(r.find_elements("css selector", "td")[-1].text)
            for r in _by_css(drv, "#docs tbody tr")}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    (folder / "a.txt").write_text(STATEMENT)
    (folder / "b.txt").write_text(NETWORK)
    out = folder.parent / "report.html"
    result = CliRunner().invoke(main, ["audit", str(folder), "-f", "html", "-o", str(out), "-q",
                                       "--no-timestamp", "--cache", str(folder.parent / "cache")])
    assert result.exit_code == 0, result.output
    return out


def test_report_filters_change_highlights_and_counts(browser, report):
    browser.get(report.as_uri())
    total = int(browser.find_element("id", "shown").text)
    highs = [c for c in _visible_cards(browser) if c.get_attribute("data-sev") == "high"]
    assert total == len(_visible_cards(browser)) >= 3 and highs
    assert _by_css(browser, "mark.high")
    before = _row_totals(browser)
    assert before["b.txt"] == 1 and before["a.txt"] == total - 1

    browser.find_element("css selector", "input[name=severity][value=high]").click()
    assert int(browser.find_element("id", "shown").text) == total - len(highs)
    assert not _by_css(browser, "mark.high")
    assert all(c.get_attribute("data-sev") != "high" for c in _visible_cards(browser))
    assert _row_totals(browser)["a.txt"] == before["a.txt"] - len(highs)

    browser.find_element("css selector", "input[name=check][value=count-vs-list]").click()
    assert _row_totals(browser)["b.txt"] == 0
    assert int(browser.find_element("id", "shown").text) == total - len(highs) - 1

    for box in _by_css(browser, ".filters input:not(:checked)"):
        box.click()
    assert int(browser.find_element("id", "shown").text) == total and _by_css(browser, "mark.high")


def test_report_table_sorts_by_a_column_worst_first(browser, report):
    browser.get(report.as_uri())
    total_header = [th for th in _by_css(browser, "#docs th") if th.text.strip() == "total"][0]
    total_header.click()
    descending = list(_row_totals(browser).values())
    total_header.click()
    ascending = list(_row_totals(browser).values())
    assert ascending == sorted(ascending) and descending == sorted(descending, reverse=True)
    assert ascending != descending


def _filter_count(drv, key):
    return int(drv.find_element("css selector", f".filters .n[data-for='{key}']").text)


def test_report_filter_counts_follow_the_other_filters(browser, report):
    browser.get(report.as_uri())
    medium_before = _filter_count(browser, "severity:medium")
    lists = [c for c in _visible_cards(browser) if c.get_attribute("data-check") == "count-vs-list"]
    assert lists and all(c.get_attribute("data-sev") == "medium" for c in lists)
    browser.find_element("css selector", "input[name=check][value=count-vs-list]").click()
    assert _filter_count(browser, "severity:medium") == medium_before - len(lists)
    browser.find_element("css selector", "input[name=severity][value=medium]").click()
    assert _filter_count(browser, "check:count-vs-list") == 0


def test_report_sorts_and_shows_findings_from_the_keyboard(browser, report):
    from selenium.webdriver.common.keys import Keys

    browser.get(report.as_uri())
    button = [b for b in _by_css(browser, "#docs th button") if b.text.strip() == "total"][0]
    button.send_keys(Keys.ENTER)
    totals = list(_row_totals(browser).values())
    assert totals == sorted(totals, reverse=True)
    mark = _by_css(browser, "mark.high")[0]
    assert mark.get_attribute("tabindex") == "0"
    mark.send_keys(Keys.ENTER)
    flashed = _by_css(browser, ".card.flash")
    assert flashed and flashed[0].get_attribute("id") in mark.get_attribute("data-c").split()


def test_report_highlights_the_two_clashing_figures(browser, report):
    browser.get(report.as_uri())
    figures = {m.text.strip() for m in _by_css(browser, "mark[data-f]")}
    assert {"14", "19"} <= figures


def test_report_header_does_not_stick_in_a_short_window(browser, report):
    try:
        browser.set_window_size(1400, 650)
        browser.get(report.as_uri())
        header = browser.find_element("css selector", "header")
        assert browser.execute_script("return getComputedStyle(arguments[0]).position", header) != "sticky"
    finally:
        browser.set_window_size(1400, 1000)


def test_clicking_a_highlight_shows_its_finding(browser, report):
    browser.get(report.as_uri())
    mark = _by_css(browser, "mark.high")[0]
    mark.click()
    flashed = _by_css(browser, ".card.flash")
    assert flashed and flashed[0].get_attribute("id") in mark.get_attribute("data-c").split()


@pytest.fixture(scope="module")
def served(embedder, tmp_path_factory):
    """(address, app) of a server over a two-document corpus."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "network.txt").write_text(NETWORK)
    (folder / "nurses.txt").write_text(
        "In the final year, 2,410 nurses from 19 hospitals completed the training.\n")
    docs = [load_document(p) for p in sorted(folder.iterdir())]
    app = App(docs, build_index(docs, embedder), embedder)
    srv = make_server(app, port=0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", app
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def server(served):
    return served[0]


def test_serve_audits_a_pasted_statement(browser, server):
    browser.get(server + "/")
    browser.find_element("id", "text").send_keys(STATEMENT)
    browser.find_element("id", "audit").click()
    cards = [c for c in _by_css(browser, ".card.high") if c.get_attribute("data-check") == "numeric-conflict"]
    assert cards and "19 different hospitals" in cards[0].text
    assert "14 hospitals" in "".join(m.text for m in _by_css(browser, "mark.high"))
    assert "14" in [m.text for m in _by_css(browser, "mark.high[data-f]")]


def test_serve_audits_a_corpus_document(browser, server):
    browser.get(server + "/")
    browser.find_element("css selector", "#doc option[value$='network.txt']").click()
    browser.find_element("id", "audit").click()
    [card] = _by_css(browser, ".card")
    assert card.get_attribute("data-check") == "count-vs-list" and "lists only 4" in card.text


def test_serve_looks_a_claim_up(browser, server):
    browser.get(server + "/")
    browser.find_element("id", "q").send_keys("The programme trained 2,410 nurses in 14 hospitals.")
    browser.find_element("id", "lookup").click()
    first = _by_css(browser, "#hits .hit")[0]
    assert first.find_element("css selector", ".verdict").text.lower() == "conflicts"
    assert "19 hospitals" in first.text and first.find_elements("css selector", "mark")


def test_serve_picker_names_documents_without_their_folders(browser, server):
    browser.get(server + "/")
    names = [o.text for o in _by_css(browser, "#doc option")][1:]
    assert names == ["network.txt", "nurses.txt"]


@pytest.fixture
def uploads(tmp_path, make_docx):
    """Two files to upload: a statement as .md and the network as .docx."""
    statement = tmp_path / "statement.md"
    statement.write_text(STATEMENT)
    network = tmp_path / "network.docx"
    network.write_bytes(make_docx([("Heading1", "Details of the impact"), (None, NETWORK.strip())]))
    return statement, network


def _results(drv):
    """The finding cards of the result page the browser is sent to."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(drv, 60).until(lambda d: "/result/" in d.current_url)
    return _by_css(drv, ".card")


def test_serve_audits_several_uploaded_files(browser, server, uploads):
    browser.get(server + "/")
    browser.find_element("id", "files").send_keys("\n".join(map(str, uploads)))
    chosen = [li.text for li in _by_css(browser, "#chosen li")]
    assert [c.split(" (")[0] for c in chosen] == ["statement.md", "network.docx"]
    browser.find_element("id", "audit").click()
    cards = _results(browser)
    checks = {(c.get_attribute("data-doc"), c.get_attribute("data-check")) for c in cards}
    assert ("statement.md", "numeric-conflict") in checks and ("network.docx", "count-vs-list") in checks
    assert "2 documents" in browser.find_element("css selector", "h1").text


def test_serve_takes_files_dropped_on_the_page(browser, server):
    browser.get(server + "/")
    browser.execute_script("""
        var files=new DataTransfer();
        files.items.add(new File([arguments[0]], 'dropped.txt', {type: 'text/plain'}));
        var drop=document.getElementById('drop');
        drop.dispatchEvent(new DragEvent('dragover', {dataTransfer: files, bubbles: true, cancelable: true}));
        drop.dispatchEvent(new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));
    """, NETWORK)
    assert [li.text.split(" (")[0] for li in _by_css(browser, "#chosen li")] == ["dropped.txt"]
    browser.execute_script("""
        var files=new DataTransfer();
        files.items.add(new File(['The team met in 2019.'], 'second.txt', {type: 'text/plain'}));
        document.querySelector('h1').dispatchEvent(
            new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));
    """)  # a second drop, outside the box, joins the first
    assert [li.text.split(" (")[0] for li in _by_css(browser, "#chosen li")] == ["dropped.txt", "second.txt"]
    assert browser.current_url == server + "/"
    browser.find_element("id", "audit").click()
    [card] = _results(browser)
    assert card.get_attribute("data-doc") == "dropped.txt" and "lists only 4" in card.text
    assert "second.txt" in browser.find_element("css selector", "#docs").text


def test_serve_shows_progress_while_it_works(browser, served):
    from selenium.webdriver.support.ui import WebDriverWait

    server, app = served
    browser.get(server + "/")
    browser.find_element("id", "text").send_keys(STATEMENT)
    with app.lock:  # another audit holds the model: this one waits, and says so
        browser.find_element("id", "audit").click()
        WebDriverWait(browser, 20).until(
            lambda d: "waiting for another audit" in d.find_element("id", "stage").text)
        assert browser.find_element("id", "busy").is_displayed()
        assert not browser.find_element("id", "audit").is_enabled()
        assert browser.find_element("id", "form").get_attribute("aria-busy") == "true"
    assert any(c.get_attribute("data-check") == "numeric-conflict" for c in _results(browser))


def test_serve_is_used_from_the_keyboard(browser, server):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/")
    text = browser.find_element("id", "text")
    text.click()  # nothing typed: Tab past the files and the picker to the button
    ActionChains(browser).send_keys(Keys.TAB, Keys.TAB, Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "audit"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    error = browser.find_element("id", "error")
    # the page's script fills the message in after the key: wait for it on a loaded machine
    WebDriverWait(browser, 20).until(lambda d: error.text)
    assert "Paste a statement" in error.text
    assert browser.switch_to.active_element.get_attribute("id") == "error"  # said where it is seen
    text.send_keys(NETWORK)
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "files"
    ActionChains(browser).send_keys(Keys.TAB, Keys.TAB, Keys.ENTER).perform()
    [card] = _results(browser)
    assert card.get_attribute("data-check") == "count-vs-list"


def test_serve_downloads_the_findings(browser, server, tmp_path):
    import csv
    import io
    import json
    import time

    from selenium.webdriver.common.keys import Keys

    browser.execute_cdp_cmd("Browser.setDownloadBehavior",
                            {"behavior": "allow", "downloadPath": str(tmp_path)})
    browser.get(server + "/")
    browser.find_element("id", "text").send_keys(NETWORK)
    browser.find_element("id", "audit").click()
    [card] = _results(browser)
    links = {a.text: a for a in _by_css(browser, "#downloads a")}
    assert set(links) == {"CSV", "JSONL", "HTML report", "Markdown"}
    links["CSV"].click()
    links["JSONL"].send_keys(Keys.ENTER)  # a link works from the keyboard too
    links["HTML report"].click()
    deadline = time.monotonic() + 20
    names = {"claimcheck-pasted-statement.csv", "claimcheck-pasted-statement.jsonl",
             "claimcheck-pasted-statement.html"}
    while {p.name for p in tmp_path.iterdir()} != names and time.monotonic() < deadline:
        time.sleep(0.2)
    assert {p.name for p in tmp_path.iterdir()} == names
    [row] = csv.DictReader(io.StringIO((tmp_path / "claimcheck-pasted-statement.csv").read_text("utf-8-sig")))
    [finding] = map(json.loads, (tmp_path / "claimcheck-pasted-statement.jsonl").read_text().splitlines())
    assert row["id"] == finding["id"] == card.get_attribute("id")
    browser.get((tmp_path / "claimcheck-pasted-statement.html").as_uri())  # opens from disk
    assert [c.get_attribute("id") for c in _by_css(browser, ".card")] == [finding["id"]]


def test_serve_refuses_files_over_the_limit_before_sending_them(browser, server, tmp_path, monkeypatch):
    from claimcheck import server as server_module

    monkeypatch.setattr(server_module, "MAX_UPLOAD_MB", 0.01)  # the page says 10 KB
    big = tmp_path / "big.txt"
    big.write_text("The network now links 9 regional centres.\n" * 400)  # 17 KB
    browser.get(server + "/")
    browser.find_element("id", "files").send_keys(str(big))
    browser.find_element("id", "audit").click()
    error = browser.find_element("id", "error")
    assert "over 0.01 MB together; upload fewer" in error.text
    assert browser.switch_to.active_element.get_attribute("id") == "error"
    assert browser.current_url == server + "/" and not browser.find_element("id", "busy").is_displayed()

"""Remake the pictures in docs/ from the documents in corpus/, with headless Chromium.

    .venv/bin/python tools/screenshots.py          # from the repository root

- docs/report.png: the HTML report of the demo audit (one case study against corpus/).
- docs/batch-report.png: the HTML report of a batch, every document in corpus/ audited.
- docs/csv-table.png: that batch's `--format csv` file, read back with Python's csv
  module and laid out as an HTML table with a spreadsheet's column letters and row
  numbers, as a spreadsheet would show it.
- docs/serve-upload.png and docs/serve-result.png: `claimcheck serve` over the paper in
  corpus/ with the case study chosen in the file upload, then the page of its findings.

Needs chromium and chromedriver (tools/install_browser.sh) and selenium, as the browser
tests do. Each picture is the browser's window, kept small enough to stay under 200 KB.
"""

import csv
import html
import io
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CASE = ROOT / "corpus" / "ucl-mbt-impact-case-study.txt"
PAPER = ROOT / "corpus" / "lancet-psychiatry-2020-excerpt.txt"
#: Columns of the CSV shown (the rest scroll off to the right in a spreadsheet too).
CSV_SHOWN = ("document", "section", "severity", "check", "claim_value", "evidence_value", "claim")
TABLE_CSS = """
body{margin:0;font:13px/1.35 Calibri,Carlito,"Segoe UI",sans-serif;background:#fff}
table{border-collapse:collapse;table-layout:fixed}
th,td{border:1px solid #d4d4d4;padding:2px 5px;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis;vertical-align:top}
th{background:#f3f3f3;color:#555;font-weight:400;text-align:center}
tr:nth-child(2) td{font-weight:700;background:#e8f0e8}
td.n{background:#f3f3f3;color:#555;text-align:center}
"""
WIDTHS = (36, 190, 90, 70, 150, 95, 105, 420)


def claimcheck(*args):
    subprocess.run([sys.executable, "-m", "claimcheck", *args, "-q"], check=True, cwd=ROOT)


def csv_page(csv_text):
    """The CSV as a spreadsheet shows it: column letters, row numbers, the header row."""
    rows = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    table = [list(CSV_SHOWN)] + [[row[c] for c in CSV_SHOWN] for row in rows]
    cols = "".join(f"<col style='width:{w}px'>" for w in WIDTHS)
    letters = "<tr><th></th>" + "".join(f"<th>{chr(65 + i)}</th>" for i in range(len(CSV_SHOWN))) + "</tr>"
    body = "".join(f"<tr><td class='n'>{i}</td>" + "".join(f"<td>{html.escape(v)}</td>" for v in row)
                   + "</tr>" for i, row in enumerate(table, 1))
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{TABLE_CSS}</style></head>"
            f"<body><table>{cols}{letters}{body}</table></body></html>")


def browser():
    from selenium import webdriver

    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if not chromium or not shutil.which("chromedriver"):
        sys.exit("screenshots: needs chromium and chromedriver (run tools/install_browser.sh)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options,
                            service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))


def shoot(drv, url, name, width, height):
    drv.set_window_size(width, height)
    if url:
        drv.get(url)
    path = DOCS / name
    path.write_bytes(drv.get_screenshot_as_png())
    print(f"wrote docs/{name} ({path.stat().st_size / 1000:.0f} KB)")


def serve_pictures(drv):
    from claimcheck.io.documents import iter_documents
    from claimcheck.retrieve.embeddings import Embedder
    from claimcheck.retrieve.build import build_index
    from claimcheck.httpd import make_server
    from claimcheck.server import App
    from selenium.webdriver.support.ui import WebDriverWait

    docs = list(iter_documents([PAPER]))  # the corpus: what the statement cites
    embedder = Embedder()
    srv = make_server(App(docs, build_index(docs, embedder), embedder), port=0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        drv.set_window_size(1100, 760)
        drv.get(f"http://127.0.0.1:{srv.server_address[1]}/")
        drv.find_element("id", "files").send_keys(str(CASE))
        shoot(drv, None, "serve-upload.png", 1100, 760)
        drv.find_element("id", "audit").click()
        WebDriverWait(drv, 120).until(lambda d: "/result/" in d.current_url)
        shoot(drv, None, "serve-result.png", 1100, 760)
    finally:
        srv.shutdown()
        srv.server_close()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = ["--cache", str(tmp / "cache")]
        claimcheck("audit", str(CASE), "--corpus", "corpus/", "-f", "html", "-o", str(tmp / "demo.html"),
                   "--no-timestamp", *cache)
        claimcheck("audit", "corpus/", "-f", "html", "-o", str(tmp / "batch.html"), "--no-timestamp", *cache)
        claimcheck("audit", "corpus/", "-f", "csv", "-o", str(tmp / "batch.csv"), *cache)
        (tmp / "batch-csv.html").write_text(csv_page((tmp / "batch.csv").read_text("utf-8")))
        drv = browser()
        try:
            shoot(drv, (tmp / "demo.html").as_uri(), "report.png", 1100, 800)
            shoot(drv, (tmp / "batch.html").as_uri(), "batch-report.png", 1100, 800)
            shoot(drv, (tmp / "batch-csv.html").as_uri(), "csv-table.png", 1100, 330)
            serve_pictures(drv)
        finally:
            drv.quit()


if __name__ == "__main__":
    main()

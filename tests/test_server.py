"""`claimcheck serve` under hostile and heavy requests: a real server on 127.0.0.1 with an
ephemeral port, spoken to with raw sockets and http.client."""

import http.client
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from claimcheck import httpd
from claimcheck import server as server_module
from claimcheck.httpd import make_server
from claimcheck.io.documents import make_document
from claimcheck.retrieve.build import build_index
from claimcheck.server import App


@pytest.fixture
def served(fake_embedder, capfd):
    """(port, app, server) of a server over a one-document corpus, stopped afterwards."""
    docs = [make_document("nurses.txt", "In 2014, 2,410 nurses from 19 hospitals were trained.\n")]
    app = App(docs, build_index(docs, fake_embedder), fake_embedder)
    srv = make_server(app, port=0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_address[1], app, srv
    srv.shutdown()
    srv.server_close()
    thread.join(10)


def raw(port, data, timeout=10):
    """Send bytes on a fresh connection; the status code answered (0 if none)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    return int(answer.split()[1]) if answer.startswith(b"HTTP/") else 0


def post(port, length, body=b"text=x", host="127.0.0.1"):
    return (f"POST /audit HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Length: {length}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n"
            ).encode() + body


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def test_a_negative_content_length_is_a_bad_request(served):
    port, _, _ = served
    assert raw(port, post(port, -1)) == 400


def test_a_content_length_that_is_no_number_is_a_bad_request_without_traceback(served, capfd):
    port, _, _ = served
    assert raw(port, post(port, "abc")) == 400
    assert raw(port, post(port, "1e3")) == 400
    assert "Traceback" not in capfd.readouterr().err


def test_a_statement_over_one_megabyte_is_refused_unread(served):
    port, _, _ = served
    started = time.monotonic()
    assert raw(port, post(port, 1_000_001, body=b"")) == 413
    assert time.monotonic() - started < 5  # answered without waiting for the body


def test_a_slow_request_is_dropped_at_its_time_limit(served, monkeypatch):
    port, _, _ = served
    monkeypatch.setattr(httpd, "SOCKET_SECONDS", 0.5)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /audit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\ntext=")
        assert sock.recv(65536).split()[1] == b"408"  # not a worker held for ever
    assert time.monotonic() - started < 8


def test_a_request_trickled_in_is_cut_off_at_the_request_time_limit(served, monkeypatch):
    port, _, _ = served
    monkeypatch.setattr(httpd, "REQUEST_SECONDS", 1.0)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /audit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n")
        answer = b""
        for _ in range(40):  # a byte every 0.1 s: each read is quick, the whole is not
            try:
                sock.sendall(b"x")
            except OSError:
                break
            time.sleep(0.1)
        try:
            answer = sock.recv(65536)
        except OSError:
            pass
    assert time.monotonic() - started < 6
    assert answer.split()[1:2] == [b"408"]


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:{port}", "127.0.0.1:1"])
def test_a_request_for_another_host_name_is_refused(served, host):
    port, _, _ = served
    status, _ = request(port, "GET", "/", headers={"Host": host.format(port=port)})
    assert status == 403


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST"])
def test_the_servers_own_host_names_are_served(served, host):
    port, _, _ = served
    status, page = request(port, "GET", "/", headers={"Host": host.format(port=port)})
    assert status == 200 and "Audit a statement" in page


def test_a_form_posted_from_another_site_is_refused(served):
    port, app, _ = served
    form = {"Content-Type": "application/x-www-form-urlencoded", "Host": f"127.0.0.1:{port}"}
    for origin in ("http://attacker.example", "null", f"http://localhost:{port}",
                   f"https://127.0.0.1:{port}"):
        status, _ = request(port, "POST", "/audit", b"text=", {**form, "Origin": origin})
        assert status == 403, origin
    status, page = request(port, "POST", "/audit", b"text=",
                           {**form, "Origin": f"http://127.0.0.1:{port}"})
    assert status == 400 and "Paste a statement" in page  # its own origin: read as usual


def test_an_error_in_a_handler_is_a_500_with_one_line(served, capfd, monkeypatch):
    port, app, _ = served

    def broken(*_query):
        raise RuntimeError("the index went away")

    monkeypatch.setattr(app, "lookup", broken)
    status, page = request(port, "GET", "/lookup?q=nurses")
    assert status == 500 and "internal error" in page
    err = capfd.readouterr().err
    assert "Traceback" not in err and "RuntimeError: the index went away" in err


def test_a_client_that_hangs_up_leaves_no_traceback(served, capfd):
    port, _, _ = served
    for _ in range(5):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        # closed at once with a reset, before the page is written
    assert request(port, "GET", "/")[0] == 200
    time.sleep(0.2)
    assert "Traceback" not in capfd.readouterr().err


def test_many_parallel_requests_are_all_served_by_a_bounded_pool(served):
    port, _, srv = served
    threads_before = threading.active_count()

    def home(_):
        try:
            return request(port, "GET", "/")[0]
        except OSError as err:
            return repr(err)

    with ThreadPoolExecutor(150) as clients:
        statuses = list(clients.map(home, range(150)))
    assert statuses == [200] * 150
    assert srv.request_queue_size >= 128
    assert srv.pool._max_workers == httpd.WORKERS
    assert len(srv.pool._threads) <= httpd.WORKERS
    assert threading.active_count() <= threads_before + httpd.WORKERS


# Uploads, progress and downloads (issue: what a research office needs from the page).

NETWORK = "The network now links 9 regional centres: Leeds, York, Hull and Bradford.\n"


def multipart(fields=(), files=()):
    """(Content-Type, body) of a form as a browser sends it: fields [(name, value)], files
    [(file name, bytes)] under the field "files"."""
    boundary = "----claimcheckTestBoundary7MA4YWxkTrZu0gW"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
             + value.encode() + b"\r\n" for name, value in fields]
    parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
              "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n"
              for name, data in files]
    return f"multipart/form-data; boundary={boundary}", b"".join(parts) + f"--{boundary}--\r\n".encode()


def upload(port, fields=(), files=(), follow=True):
    """(status, page, headers) of the form sent to /audit, and of the page it leads to."""
    kind, body = multipart(fields, files)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/audit", body=body, headers={"Content-Type": kind})
        response = conn.getresponse()
        page, headers = response.read().decode(), dict(response.getheaders())
    finally:
        conn.close()
    if follow and response.status == 303:
        return (*request(port, "GET", headers["Location"]), headers)
    return response.status, page, headers


def download(port, page, ext):
    """(body bytes, headers) of a result page's download link for `ext`."""
    import re

    [path] = re.findall(rf"href='(/download/[^']+\.{ext})'", page)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status == 200
        return response.read(), dict(response.getheaders())
    finally:
        conn.close()


def ref_records(*texts):
    """A REF2014 .jsonl.gz collection, gzipped in memory: one case study a text."""
    import gzip
    import json

    lines = [json.dumps({"CaseStudyId": str(40000 + i), "Title": f"Case {i}", "Institution": "Uni",
                         "ImpactSummary": "A short summary.", "ImpactDetails": text}) for i, text in enumerate(texts)]
    return gzip.compress(("\n".join(lines) + "\n").encode())


def test_uploaded_files_of_each_format_are_audited_together(served, make_docx):
    port, app, _ = served
    files = [("network.docx", make_docx([("Heading1", "Details of the impact"), (None, NETWORK)])),
             ("C:\\Users\\me\\notes.txt", b"The team met in 2019 to plan the work.\n"),
             ("cases.jsonl.gz", ref_records(NETWORK.replace("9", "7")))]
    status, page, headers = upload(port, files=files)
    assert status == 200 and "/result/" in headers["Location"]
    assert "3 documents" in page
    assert "network.docx" in page and "cases.jsonl.gz#40000" in page
    assert "notes.txt" in page and "Users" not in page  # a browser's path is not a name
    assert page.count("data-check='count-vs-list'") == 2  # one in the .docx, one in the record
    assert {d.id for d in app.documents.values()} == {"nurses.txt"}  # the corpus is unchanged


def test_the_findings_download_as_csv_jsonl_and_html(served):
    import csv
    import io
    import json

    port, _, _ = served
    _, page, _ = upload(port, files=[("network.md", NETWORK.encode())])
    body, headers = download(port, page, "csv")
    assert body.startswith(b"\xef\xbb\xbf") and headers["Content-Type"].startswith("text/csv")
    assert headers["Content-Disposition"] == 'attachment; filename="claimcheck-network.md.csv"'
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [(r["document"], r["check"], r["claim"]) for r in rows] == [("network.md", "count-vs-list", NETWORK.strip())]
    body, _ = download(port, page, "jsonl")
    [finding] = [json.loads(line) for line in body.decode().splitlines()]
    assert finding["check"] == "count-vs-list" and finding["id"] == rows[0]["id"]
    assert f"id='{finding['id']}'" in page
    body, headers = download(port, page, "html")
    report = body.decode()
    assert headers["Content-Type"].startswith("text/html") and "attachment" in headers["Content-Disposition"]
    assert f"id='{finding['id']}'" in report and "/download/" not in report  # stands alone


def test_a_statement_without_figures_says_nothing_was_checkable(served):
    port, _, _ = served
    status, page, _ = upload(port, fields=[("text", "We value our partners and their work.")])
    assert status == 200
    assert "Nothing in pasted statement was checkable: it gives no figures, dates or citations." in page


def test_the_document_picker_shows_names_not_paths(fake_embedder, tmp_path):
    docs = [make_document(str(tmp_path / "corpus" / "nurses.txt"), "2,410 nurses were trained.\n"),
            make_document(f"{tmp_path}/ref.jsonl#1", "9 centres.\n", {"Title": "Nurse training"})]
    page = App(docs, build_index(docs, fake_embedder), fake_embedder).home()
    import re

    labels = re.findall(r"<option value='[^']+'>([^<]*)</option>", page)
    assert labels == ["nurses.txt", "Nurse training (ref.jsonl#1)"]


def test_the_same_file_name_twice_gives_two_documents(served):
    port, _, _ = served
    status, page, _ = upload(port, files=[("a.txt", NETWORK.encode()), ("a.txt", NETWORK.encode())])
    assert status == 200 and "a (2).txt" in page and page.count("data-check='count-vs-list'") == 2


@pytest.mark.parametrize("name, data, words", [
    ("case.exe", b"MZ", "case.exe: unsupported file type"),
    ("old.txt", "caf\xe9 2019".encode("latin-1"), "old.txt: not UTF-8 text"),
    ("cases.jsonl.gz", b"not gzip", "cases.jsonl.gz: not a readable gzip file"),
])
def test_a_file_that_cannot_be_read_is_named_in_a_one_line_error(served, capfd, name, data, words):
    port, _, _ = served
    status, page, _ = upload(port, files=[(name, data)])
    assert status == 400 and words in page and "Traceback" not in capfd.readouterr().err


def test_files_over_the_upload_limit_are_refused_unread(served):
    port, _, _ = served
    started = time.monotonic()
    kind = "multipart/form-data; boundary=x"
    head = (f"POST /audit HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {kind}\r\n"
            f"Content-Length: {int(server_module.MAX_UPLOAD_MB * 1e6) + 1}\r\nConnection: close\r\n\r\n")
    assert raw(port, head.encode()) == 413
    assert time.monotonic() - started < 5
    within = int(server_module.MAX_UPLOAD_MB * 1e6)  # a form that size is read, then judged
    assert within > int(server_module.MAX_STATEMENT_MB * 1e6)


def test_pasted_text_in_a_form_with_files_keeps_its_one_megabyte_limit(served):
    port, _, _ = served
    status, page, _ = upload(port, fields=[("text", "x" * 1_000_001)], follow=False)
    assert status == 413 and "over 1 MB" in page


def test_a_form_cut_short_is_a_bad_request(served):
    port, _, _ = served
    kind, body = multipart(files=[("a.txt", NETWORK.encode())])
    status, page = request(port, "POST", "/audit", body[:-20], {"Content-Type": kind})
    assert status == 400 and "closing boundary" in page


def test_the_progress_of_an_audit_is_reported_while_it_runs(fake_embedder, capfd):
    import json

    started, release = threading.Event(), threading.Event()

    class Slow(type(fake_embedder)):
        def embed(self, texts, progress=None):
            if progress is not None:  # the claims' texts, encoded with progress
                progress(0)
                started.set()
                assert release.wait(20)
                progress(len(texts))
            return super().embed(texts)

    slow = Slow()
    docs = [make_document("nurses.txt", "In 2014, 2,410 nurses from 19 hospitals were trained.\n")]
    srv = make_server(App(docs, build_index(docs, fake_embedder), slow), port=0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    port = srv.server_address[1]
    try:
        token = "job-0123456789abcdef"
        with ThreadPoolExecutor(1) as pool:
            sent = pool.submit(upload, port, [("text", "The scheme trained 2,410 nurses in 2019."),
                                              ("job", token)], (), False)
            assert started.wait(20)
            state = json.loads(request(port, "GET", f"/progress?job={token}")[1])
            assert state["state"] == "running" and state["stage"] == "encoding the claims"
            assert state["total"] >= 1 and state["seconds"] >= 0
            release.set()
            assert sent.result(30)[0] == 303
        assert json.loads(request(port, "GET", f"/progress?job={token}")[1])["state"] == "done"
        assert json.loads(request(port, "GET", "/progress?job=never-sent-01")[1])["state"] == "unknown"
    finally:
        release.set()
        srv.shutdown()
        srv.server_close()


def test_a_result_no_longer_kept_is_not_found(served):
    port, _, _ = served
    status, page = request(port, "GET", "/result/abcdefgh")
    assert status == 404 and "no longer kept" in page
    assert request(port, "GET", "/download/abcdefgh.csv")[0] == 404


def test_only_the_last_results_are_kept(served, monkeypatch):
    port, app, _ = served
    monkeypatch.setattr(server_module, "KEPT_RESULTS", 2)
    first = upload(port, fields=[("text", NETWORK)], follow=False)[2]["Location"]
    for _ in range(2):
        upload(port, fields=[("text", NETWORK)], follow=False)
    assert request(port, "GET", first)[0] == 404 and len(app.results) == 2


def test_a_form_keeps_binary_files_byte_for_byte_and_their_names():
    from claimcheck.webform import form_boundary, parse_form, upload_name

    data = bytes(range(256)) + b"\r\n--not-the-boundary\r\n\r\n" + bytes(range(255, -1, -1))
    kind, body = multipart([("text", "café"), ("doc", "")], [("Étude n°1.pdf", data), ("", b"")])
    fields, files = parse_form(form_boundary(kind), body)
    assert fields == {"text": ["café"], "doc": [""]}
    assert files == [("Étude n°1.pdf", data)]  # the empty file input is left out
    taken = set()
    assert [upload_name(n, taken) for n in ("../../etc/x.jsonl.gz", "x.jsonl.gz", "a\x00b.txt", "")] == [
        "x.jsonl.gz", "x (2).jsonl.gz", "ab.txt", "upload"]
    assert form_boundary("application/x-www-form-urlencoded") is None


def test_sigterm_stops_the_server_as_ctrl_c_does(tmp_path):
    """SIGTERM is how a service manager stops a server: a plain "stopped" and exit 0,
    not the error line of an interrupted run."""
    import os
    import signal
    import subprocess
    import sys

    (tmp_path / "doc.txt").write_text("The scheme trained 2,410 nurses in 14 hospitals in 2019.\n")
    env = {**os.environ, "CLAIMCHECK_CACHE": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck.cli", "serve", "--port", "0",
                             "--corpus", str(tmp_path / "doc.txt")],
                            env=env, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if "serving on" in line:
                break
        proc.send_signal(signal.SIGTERM)
        rest = proc.stderr.read()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
    assert "claimcheck: stopped" in rest and "error" not in rest

"""`claimcheck serve` under hostile and heavy requests: a real server on 127.0.0.1 with an
ephemeral port, spoken to with raw sockets and http.client."""

import http.client
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from claimcheck import server as server_module
from claimcheck.documents import make_document
from claimcheck.pipeline import build_index
from claimcheck.server import App, make_server


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
    monkeypatch.setattr(server_module, "SOCKET_SECONDS", 0.5)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /audit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\ntext=")
        assert sock.recv(65536).split()[1] == b"408"  # not a worker held for ever
    assert time.monotonic() - started < 8


def test_a_request_trickled_in_is_cut_off_at_the_request_time_limit(served, monkeypatch):
    port, _, _ = served
    monkeypatch.setattr(server_module, "REQUEST_SECONDS", 1.0)
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
    assert srv.pool._max_workers == server_module.WORKERS
    assert len(srv.pool._threads) <= server_module.WORKERS
    assert threading.active_count() <= threads_before + server_module.WORKERS

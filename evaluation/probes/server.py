"""`claimcheck serve` under hostile and heavy requests: each case starts the real server
in a subprocess on a free loopback port, sends its requests with raw sockets or
http.client, stops the server, and checks the answers and the server's log."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Seconds the server may take to start (it loads the model and indexes one document).
START_SECONDS = 120
STATEMENT = "In 2019 the scheme trained 2,410 nurses in 14 hospitals.\n"


@contextmanager
def served(tmp):
    """The port of a server over a one-document corpus; yields (port, log), where log()
    is what the server wrote to stderr once it has stopped."""
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "nurses.txt").write_text(STATEMENT)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMCHECK_CACHE": str(tmp / ".cache")}
    cmd = [sys.executable, "-c", "import sys; from claimcheck.cli import main; sys.exit(main())",
           "serve", "--corpus", str(corpus), "--port", "0"]
    proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            errors="replace")
    lines = []
    stopped = {}
    try:
        deadline = time.monotonic() + START_SECONDS
        port = None
        while port is None:
            line = proc.stderr.readline()
            if not line or time.monotonic() > deadline:
                raise AssertionError(f"the server did not start: {''.join(lines)[-300:]}")
            lines.append(line)
            if "serving on http://" in line:
                port = int(line.split("serving on http://", 1)[1].split("/")[0].rsplit(":", 1)[1])
        yield port, lambda: stopped.get("log", "")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            rest = proc.communicate(timeout=30)[1]
        except subprocess.TimeoutExpired:
            proc.kill()
            rest = proc.communicate()[1]
        stopped["log"] = "".join(lines) + (rest or "")


def raw(port, data, seconds=30):
    """The status a raw request is answered with (0: none)."""
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as sock:
        sock.sendall(data)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except OSError:
            pass
    return int(answer.split()[1]) if answer.startswith(b"HTTP/") else 0


def post(port, length, body=b"text=x"):
    return (f"POST /audit HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {length}\r\n"
            "Connection: close\r\n\r\n").encode() + body


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def no_traceback(log):
    assert "Traceback" not in log, "a traceback in the server's log: " + log[log.index("Traceback"):][:300]


def negative_content_length(tmp):
    with served(tmp) as (port, log):
        status = raw(port, post(port, -1))
        assert status == 400, f"Content-Length: -1 answered {status}, not 400"
    no_traceback(log())


def content_length_not_a_number(tmp):
    with served(tmp) as (port, log):
        status = raw(port, post(port, "abc"))
        assert status == 400, f"Content-Length: abc answered {status}, not 400"
    no_traceback(log())


def statement_over_one_megabyte(tmp):
    with served(tmp) as (port, log):
        started = time.monotonic()
        status = raw(port, post(port, 1_000_001, body=b""))
        assert status == 413, f"a 1 MB + 1 statement answered {status}, not 413"
        assert time.monotonic() - started < 5, "the refusal waited for the body"
    no_traceback(log())


def dns_rebinding_host(tmp):
    with served(tmp) as (port, log):
        for host in ("attacker.example", f"attacker.example:{port}"):
            status, _ = request(port, "GET", "/", headers={"Host": host})
            assert status == 403, f"Host: {host} answered {status}, not 403"
        status, _ = request(port, "GET", "/", headers={"Host": f"localhost:{port}"})
        assert status == 200, f"Host: localhost:{port} answered {status}, not 200"


def cross_origin_post(tmp):
    with served(tmp) as (port, log):
        headers = {"Host": f"127.0.0.1:{port}", "Origin": "http://attacker.example",
                   "Content-Type": "application/x-www-form-urlencoded"}
        status, _ = request(port, "POST", "/audit", b"text=In+2019+40+schools.", headers)
        assert status == 403, f"a post from another origin answered {status}, not 403"


def parallel_requests(tmp):
    with served(tmp) as (port, log):
        def home(_):
            try:
                return request(port, "GET", "/")[0]
            except OSError as err:
                return type(err).__name__

        with ThreadPoolExecutor(150) as clients:
            statuses = list(clients.map(home, range(150)))
        lost = [s for s in statuses if s != 200]
        assert not lost, f"{len(lost)} of 150 parallel requests lost: {sorted(set(map(str, lost)))}"
    no_traceback(log())


def client_hangs_up(tmp):
    with served(tmp) as (port, log):
        for _ in range(10):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        status, _ = request(port, "GET", "/")
        assert status == 200, f"after clients hung up the server answered {status}"
        time.sleep(0.5)
    no_traceback(log())


CASES = [
    ("serve: Content-Length -1", negative_content_length),
    ("serve: Content-Length not a number", content_length_not_a_number),
    ("serve: statement over 1 MB", statement_over_one_megabyte),
    ("serve: Host of another site (DNS rebinding)", dns_rebinding_host),
    ("serve: form posted from another origin", cross_origin_post),
    ("serve: 150 parallel requests", parallel_requests),
    ("serve: clients hanging up mid-request", client_hangs_up),
]

"""The probe runner: each case in a process of its own, a hang reported, not waited on."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = '''
import time

def handled(tmp):
    assert tmp.is_dir() and not any(tmp.iterdir())

def fails(tmp):
    raise AssertionError("exit 1, not 2")

def hangs(tmp):
    time.sleep(600)

def broken(tmp):
    return 1 / 0

CASES = [("handled", handled), ("fails", fails), ("hangs", hangs), ("broken", broken)]
'''


def test_the_runner_reports_each_case_and_a_hang_within_its_limit(tmp_path):
    (tmp_path / "probes").mkdir()
    (tmp_path / "probes" / "demo.py").write_text(CASES)
    out = tmp_path / "probe.json"
    result = subprocess.run([sys.executable, str(ROOT / "evaluation" / "probe.py"), "--probes",
                             str(tmp_path / "probes"), "--seconds", "5", "--out", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-2:] == ["demo: 4 cases, 1 handled, 3 not handled", "1 handled, 3 not handled"]
    rows = {r["case"]: r for r in json.loads(out.read_text())["cases"]}
    assert rows["handled"]["handled"] and not rows["fails"]["handled"]
    assert rows["fails"]["detail"] == "exit 1, not 2"
    assert rows["hangs"]["detail"] == "no answer within 5 s (hangs)" and rows["hangs"]["seconds"] < 30
    assert rows["broken"]["detail"].startswith("probe raised ZeroDivisionError: division by zero")
    assert any(line.split()[:3] == ["demo", "hangs", "FAILED"] for line in lines)

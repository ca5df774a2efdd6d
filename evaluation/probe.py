"""Probe claimcheck with bad input, faults and hostile use, and say what was handled.

Every module in evaluation/probes/ (one per area: input, store, server, parser, ...)
defines CASES, a list of (name, function). Each function takes `tmp`, a fresh scratch
folder (removed afterwards), and returns None when claimcheck handled the case cleanly,
or raises AssertionError saying what went wrong. Each case runs in a process of its own
with a time limit, so a case that hangs is reported as not handled instead of hanging
the run.

    python -m evaluation.probe                  # every case; exit 1 if any is not handled
    python -m evaluation.probe --only input     # one area
    python -m evaluation.probe --out probe.json --fuzz 200000

Prints a table (area, case, handled or FAILED, seconds, detail), a line per area and a
closing line "N handled, M not handled".
"""

import argparse
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROBES = HERE / "probes"
#: Seconds one case may take before it counts as hanging.
CASE_SECONDS = 120.0


def areas(folder=PROBES):
    """The probe modules' names, sorted: evaluation/probes/*.py less __init__.py."""
    return sorted(p.stem for p in Path(folder).glob("*.py") if p.stem != "__init__")


def load_cases(area, folder=PROBES):
    """The (name, function) pairs of one area: CASES of folder/AREA.py. The folder's parent
    is on the import path, so a probe module may import another ("from probes import x")."""
    if str(Path(folder).parent) not in sys.path:
        sys.path.insert(0, str(Path(folder).parent))
    path = Path(folder) / f"{area}.py"
    spec = importlib.util.spec_from_file_location(f"claimcheck_probes_{area}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CASES)


def run_one(area, name, result_file, folder=PROBES):
    """Run one case in this process (the child side) and write its outcome as JSON."""
    function = dict(load_cases(area, folder))[name]
    tmp = Path(tempfile.mkdtemp(prefix=f"claimcheck-probe-{area}-"))
    try:
        function(tmp)
        outcome = {"handled": True, "detail": ""}
    except AssertionError as err:
        outcome = {"handled": False, "detail": str(err) or "assertion failed"}
    except Exception as err:  # noqa: BLE001 - a broken probe is reported, not raised
        last = traceback.extract_tb(err.__traceback__)[-1]
        outcome = {"handled": False, "detail": f"probe raised {type(err).__name__}: {err} "
                                               f"({Path(last.filename).name}:{last.lineno})"}
    finally:
        _remove(tmp)
    Path(result_file).write_text(json.dumps(outcome), encoding="utf-8")


def _remove(folder):
    """Remove a scratch folder, whatever a case left in it (read-only files, FIFOs)."""
    for path in [folder, *folder.rglob("*")]:
        try:
            if not path.is_symlink():
                os.chmod(path, 0o700)
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def run_case(area, name, seconds, folder=PROBES):
    """(handled, detail, seconds) of one case, run in a child process with a time limit."""
    fd, result_file = tempfile.mkstemp(prefix="claimcheck-probe-", suffix=".json")
    os.close(fd)
    started = time.monotonic()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--probes", str(folder),
           "--run-case", area, name, result_file]
    # the project's root on the path, so that a probe may import the evaluation's modules
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                             stdin=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        output, _ = child.communicate(timeout=seconds)
        text = Path(result_file).read_text(encoding="utf-8")
        last = (output.strip().splitlines() or [""])[-1]
        outcome = json.loads(text) if text else {
            "handled": False, "detail": f"the probe process exited {child.returncode}: {last}"}
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the case and whatever it started
        child.communicate()
        outcome = {"handled": False, "detail": f"no answer within {seconds:g} s (hangs)"}
    finally:
        Path(result_file).unlink(missing_ok=True)
    detail = " | ".join(line.strip() for line in outcome["detail"].splitlines() if line.strip())
    return outcome["handled"], detail, time.monotonic() - started


def fuzz_row(inputs):
    """Run evaluation/fuzz.py with `inputs` inputs, if it takes --inputs; else None."""
    script = HERE / "fuzz.py"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    usage = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                           text=True, env=env, check=False)
    if "--inputs" not in usage.stdout:
        return None
    started = time.monotonic()
    run = subprocess.run([sys.executable, str(script), "--inputs", str(inputs)],
                         capture_output=True, text=True, env=env, check=False)
    last = (run.stdout.strip().splitlines() or run.stderr.strip().splitlines() or [""])[-1]
    return {"area": "fuzz", "case": f"{inputs} inputs", "handled": run.returncode == 0,
            "seconds": round(time.monotonic() - started, 1), "detail": last[:200]}


def table(rows):
    widths = [max(len(str(r[k])) for r in rows + [{"area": "area", "case": "case"}])
              for k in ("area", "case")]
    lines = [f"{'area':<{widths[0]}}  {'case':<{widths[1]}}  {'result':<8}  {'seconds':>7}  detail"]
    for r in rows:
        result = "handled" if r["handled"] else "FAILED"
        lines.append(f"{r['area']:<{widths[0]}}  {r['case']:<{widths[1]}}  {result:<8}  "
                     f"{r['seconds']:>7.1f}  {r['detail']}")
    return "\n".join(lines)


def summary(rows):
    """A line per area and the closing line."""
    lines = []
    for area in sorted({r["area"] for r in rows}):
        mine = [r for r in rows if r["area"] == area]
        failed = sum(not r["handled"] for r in mine)
        lines.append(f"{area}: {len(mine)} cases, {len(mine) - failed} handled, {failed} not handled")
    failed = sum(not r["handled"] for r in rows)
    lines.append(f"{len(rows) - failed} handled, {failed} not handled")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", metavar="AREA", action="append",
                    help="Run this area only (repeatable); areas: " + ", ".join(areas()))
    ap.add_argument("--case", metavar="NAME", action="append", help="Run this case only (repeatable).")
    ap.add_argument("--seconds", type=float, default=CASE_SECONDS,
                    help=f"Time limit per case (default {CASE_SECONDS:g}).")
    ap.add_argument("--fuzz", type=int, metavar="N", default=None,
                    help="Also run evaluation/fuzz.py with N inputs.")
    ap.add_argument("--out", metavar="FILE", help="Write the results here as JSON.")
    ap.add_argument("--probes", metavar="DIR", default=str(PROBES), help=argparse.SUPPRESS)
    ap.add_argument("--run-case", nargs=3, metavar=("AREA", "NAME", "RESULT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run_case:
        run_one(*args.run_case, folder=args.probes)
        return 0
    known = areas(args.probes)
    chosen = args.only or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        ap.error(f"no such area: {', '.join(unknown)} (areas: {', '.join(known)})")
    rows = []
    for area in chosen:
        for name, _ in load_cases(area, args.probes):
            if args.case and name not in args.case:
                continue
            handled, detail, seconds = run_case(area, name, args.seconds, args.probes)
            rows.append({"area": area, "case": name, "handled": handled,
                         "seconds": round(seconds, 1), "detail": detail})
            print(f"{area}/{name}: {'handled' if handled else 'FAILED'} ({seconds:.1f} s)",
                  file=sys.stderr, flush=True)
    if args.fuzz:
        row = fuzz_row(args.fuzz)
        if row is None:
            print("fuzzing is run separately: python -m evaluation.fuzz (it takes no --inputs here)")
        else:
            rows.append(row)
    if not rows:
        ap.error("no case matched")
    print(table(rows))
    print(summary(rows))
    if args.out:
        tmp = Path(args.out).with_name(f".{Path(args.out).name}.tmp")
        tmp.write_text(json.dumps({"cases": rows, "handled": sum(r["handled"] for r in rows),
                                   "not_handled": sum(not r["handled"] for r in rows)}, indent=1)
                       + "\n", encoding="utf-8")
        os.replace(tmp, args.out)
    return 1 if any(not r["handled"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

"""The claimcheck command: a thin layer of options and formatting over the library."""

import contextlib
import errno
import inspect
import signal
import sys
import threading
import time

import click

from claimcheck import __version__, config
from claimcheck.errors import ClaimcheckError, InputError, os_error_words
from claimcheck.findings import SEVERITY_RANK

#: Each command's examples, shown at the end of its --help one a line.
EXAMPLES = {
    "audit": [
        "claimcheck audit corpus/ucl-mbt-impact-case-study.txt --corpus corpus/",
        "claimcheck audit statement.md --format html -o report.html --fail-on high",
        "claimcheck audit cases/ 'more/*.jsonl.gz' --format jsonl -o findings.jsonl --skip-bad",
        "claimcheck audit cases/ -f csv -o findings.csv     # one row a finding, for spreadsheets",
    ],
    "index": ["claimcheck index corpus/ -o corpus.index     # again after edits: only changes are encoded"],
    "extract": ["claimcheck extract corpus/ucl-mbt-impact-case-study.txt -o claims.jsonl"],
    "check": ["claimcheck check claims.jsonl --index corpus.index -o findings.jsonl"],
    "lookup": [
        'claimcheck lookup "2,410 nurses trained in 14 hospitals" --index corpus.index -k 3',
        "claimcheck lookup --corpus corpus/          # a prompt: one claim a line, Ctrl-D leaves",
        'claimcheck lookup "it cut errors by 45% [R1]" --corpus papers/ --statement case-study.txt',
    ],
    "serve": ["claimcheck serve --corpus corpus/          # then open http://127.0.0.1:8765/"],
    "report": ["claimcheck report findings.jsonl --format html -d statement.md -o findings.html"],
    "checks": ["claimcheck checks", "claimcheck audit cases/ --only numeric-conflict --only count-vs-list"],
}


class Progress:
    """Progress on stderr, nothing when --quiet.

    Each stage says what it does when it begins ("encoding 613 passages", "loading model
    ..."), and reports as it goes. On a terminal, after the first second (a run done sooner
    shows nothing but its result), one line is rewritten in place: a bar with the rate and
    the time left, redrawn at each report and every second while a step reports nothing
    (as a model loads). Elsewhere (a log file, a pipe) a line every LOG_EVERY seconds, and
    one when a stage that was shown ends, so an hour-long batch shows it is alive."""

    #: Seconds between lines when stderr is not a terminal (the first comes after as long).
    LOG_EVERY = 10.0
    #: On a terminal: nothing before GRACE seconds, then a redraw at most every TTY_EVERY.
    GRACE = 1.0
    TTY_EVERY = 0.2
    #: stage: (what is done, one, many, where)
    STAGES = {"files": ("reading", "file", "files", ""), "passages": ("encoding", "passage", "passages", ""),
              "claim-texts": ("encoding", "claim", "claims", ""), "claims": ("checking", "claim", "claims", ""),
              "documents": ("encoding", "document", "documents", " on Ray")}
    BAR = 24
    #: Progress objects whose heartbeat may still run (Group.invoke stops them).
    live = []

    def __init__(self, quiet):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.t0 = time.monotonic()
        self.started = {}  # stage: (time of its first work done, count then)
        self.shown = set()  # stages a line was shown for
        self.current = None  # (stage, line, since): the state a heartbeat shows
        self.heading = None  # the line that began the current stage ("encoding 613 passages")
        self.printed = None  # when a line was last shown
        self.open = False  # a terminal line is being rewritten
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.beat = None

    def __call__(self, stage, done, total, detail=""):
        if self.quiet:
            return
        now = time.monotonic()
        verb, one, many, where = self.STAGES.get(stage, (stage, "item", "items", ""))
        if done == 0:  # a stage begins: say what it is; its clock starts with the first work done
            self.started.pop(stage, None)
            self.shown.discard(stage)
            if total:
                self.heading = f"{verb} {_n(total, one, many)}{where}"
                self._report(stage, self.heading + (f" ({detail})" if detail else ""), now)
            return
        began, first = self.started.setdefault(stage, (now, done))
        rate = (done - first) / (now - began) if now > began and done > first else 0.0
        left = f", {_duration((total - done) / rate)} left" if rate and done < total else ""
        speed = f"{rate:.0f}/s" if rate >= 1 else f"{rate:.2f}/s"
        figures = f" ({speed}{left})" if rate else ""
        detail = f", {detail}" if detail else ""
        if self.tty:
            filled = int(self.BAR * min(done, total) / total) if total else self.BAR
            bar = "#" * filled + "." * (self.BAR - filled)
            line = f"{verb} {many}{where} [{bar}] {done}/{total}{detail}{figures}"
        else:
            line = f"{verb} {many}{where}: {done}/{total}{detail}{figures}"
        self._report(stage, line, now, final=done >= total)

    def status(self, message):
        """What is happening now, for a step that reports no counts (loading the model)."""
        if not self.quiet:
            heading = self.current and self.current[1] == self.heading
            self._report("status", f"{self.heading}: {message}" if heading else message, time.monotonic())

    def _report(self, stage, line, now, final=False):
        with self.lock:
            self.current = (stage, line, now)
            if self.tty:
                due = now - self.t0 >= self.GRACE and (
                    final or self.printed is None or now - self.printed >= self.TTY_EVERY)
            else:
                due = (final and stage in self.shown) or (
                    now - self.t0 >= self.LOG_EVERY
                    and (self.printed is None or now - self.printed >= self.LOG_EVERY))
            if due:
                self._show(stage, line, now)
            if final:
                self.current = None  # a stage done is not shown again
        self._start_heartbeat()

    def _show(self, stage, line, now):
        """Show a line (the lock held)."""
        self.shown.add(stage)
        self.printed = now
        if self.tty:
            click.echo(f"\r{line}\033[K", err=True, nl=False)
            self.open = True
        else:
            click.echo(line, err=True)

    def _start_heartbeat(self):
        if self.beat is None and not self.stop.is_set():
            self.beat = threading.Thread(target=self._heartbeat, daemon=True, name="claimcheck-progress")
            Progress.live.append(self)
            self.beat.start()

    def _heartbeat(self):
        """Show the current state when nothing has been shown for a while: the first
        second on a terminal, a model that takes long to load, a log's regular line."""
        every = 1.0 if self.tty else max(1.0, self.LOG_EVERY)
        first = self.GRACE if self.tty else self.LOG_EVERY
        while not self.stop.wait(min(every, max(0.05, first - (time.monotonic() - self.t0)))):
            with self.lock:
                now = time.monotonic()
                if self.current is None or now - self.t0 < first:
                    continue
                if self.printed is not None and now - self.printed < every:
                    continue
                stage, line, since = self.current
                if now - since >= 2 and (stage == "status" or stage not in self.started):
                    # a step with no counts to show (yet): say how long it has been at it
                    line = f"{line} ({_duration(now - since)} on this step)"
                self._show(stage, line, now)

    def close(self, clear=False):
        """Stop the heartbeat and end a terminal's line, leaving what it said (or not)."""
        self.stop.set()
        if self.beat is not None and self.beat is not threading.current_thread():
            self.beat.join(timeout=2)
        with self.lock:
            self._end_line(clear=clear)

    def _end_line(self, clear=True):
        if self.open:
            click.echo("\r\033[K" if clear else "", err=True, nl=not clear)
            self.open = False

    def note(self, message):
        if not self.quiet:
            with self.lock:
                self._end_line()  # a note replaces the progress line, which the next report redraws
                click.echo(message, err=True)

    @classmethod
    def end_lines(cls):
        """End any progress line on the terminal before stdout writes to it."""
        for progress in cls.live:
            with progress.lock:
                progress._end_line()

    @classmethod
    def close_all(cls):
        while cls.live:
            cls.live.pop().close()


def _duration(seconds):
    """"7 s", "2 min 5 s", "1 h 3 min": a time left, as precise as it is worth."""
    seconds = int(round(seconds))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def _n(count, noun, plural=None):
    """"1 claim", "2 claims": a count with its noun in the right number."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _fail(message, code):
    for progress in Progress.live:
        progress.stop.set()
    Progress.end_lines()  # the error replaces a progress line
    click.echo(f"claimcheck: error: {message}", err=True)
    sys.exit(code)


class Terminated(BaseException):
    """SIGTERM (a `kill`, a job scheduler's time limit), raised where the program is, so
    that an output being written is removed as on Ctrl-C, not left half-written."""


def _raise_terminated(signum, frame):
    raise Terminated()


def _on_sigterm(handler):
    """Set the SIGTERM handler (the main thread only can) and return the one before."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


#: Exit codes, for CI: findings at or above --fail-on; bad input or usage (click's own
#: usage errors exit 2 too); a bug in claimcheck; Ctrl-C; SIGTERM.
EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_BUG, EXIT_INTERRUPTED, EXIT_TERMINATED = 1, 2, 3, 130, 143
#: Set to 1 to see the traceback of an internal error.
ENV_DEBUG = "CLAIMCHECK_DEBUG"


def _bug(err):
    """An exception claimcheck did not expect: a one-line message saying so, the traceback
    only when $CLAIMCHECK_DEBUG is set."""
    import os
    import traceback

    if os.environ.get(ENV_DEBUG, "") not in ("", "0"):
        traceback.print_exc(file=sys.stderr)
        how = "include the traceback above"
    else:
        how = f"run again with {ENV_DEBUG}=1 to see the traceback"
    where = ""
    tb = traceback.extract_tb(err.__traceback__)
    if tb:
        frame = tb[-1]
        where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
    _fail(f"internal error ({type(err).__name__}{where}: {err}); this is a bug in claimcheck "
          f"{__version__}: please report it on claimcheck's issue tracker with the command you "
          f"ran; {how}", EXIT_BUG)


class _LibraryLog:
    """What libraries log (pypdf's "EOF marker not found", bm25s's debug lines,
    transformers' notices) and the Python warnings they give: nowhere, or with
    $CLAIMCHECK_DEBUG set, one line each on stderr naming the library. Installed on the
    root logger for the length of a command, so that nothing falls through to Python's
    last-resort printer and no library's logging.basicConfig takes effect."""

    def __enter__(self):
        import logging
        import os

        debug = os.environ.get(ENV_DEBUG, "") not in ("", "0")
        self.handler = logging.StreamHandler(sys.stderr) if debug else logging.NullHandler()
        self.handler.setFormatter(logging.Formatter("claimcheck: debug: %(name)s: %(message)s"))
        self.root = logging.getLogger()
        self.root.addHandler(self.handler)
        logging.captureWarnings(True)
        return self

    def __exit__(self, *exc):
        import logging

        logging.captureWarnings(False)
        self.root.removeHandler(self.handler)


class Group(click.Group):
    """Turns claimcheck's typed errors into one-line messages and exit codes."""

    def invoke(self, ctx):
        before = _on_sigterm(_raise_terminated)
        try:
            with _LibraryLog():
                return super().invoke(ctx)
        except ClaimcheckError as err:
            _fail(str(err), max(err.exit_code, EXIT_BAD_INPUT))
        except KeyboardInterrupt:
            _fail("interrupted; nothing was written", EXIT_INTERRUPTED)
        except Terminated:
            _fail("terminated; nothing was written", EXIT_TERMINATED)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # usage errors (exit 2) and --help: click's own
        except Exception as err:
            _bug(err)
        finally:
            Progress.close_all()
            _on_sigterm(signal.SIG_DFL if before is None else before)


def model_option(f):
    f = click.option(
        "--backend", type=click.Choice(config.BACKENDS), default=None, envvar=config.ENV_BACKEND,
        help="How the model runs: auto (torch-bf16 on a CPU with bfloat16 hardware, else torch), "
             "torch (fp32), torch-bf16, or openvino (pip install openvino) "
             f"[default: ${config.ENV_BACKEND}, else auto].",
    )(f)
    return click.option(
        "--model", "-m", metavar="NAME_OR_PATH", default=None,
        help=f"Sentence-transformers model name or folder [default: ${config.ENV_MODEL}, "
             f"else the bundled {config.DEFAULT_MODEL}].",
    )(f)


def cache_option(f):
    return click.option(
        "--cache", metavar="DIR", default=None,
        help=f"Cache folder: indexes, sentence vectors, claims and results kept between runs "
             f"[default: ${config.ENV_CACHE} or ~/.cache/claimcheck].",
    )(f)


def quiet_option(f):
    return click.option("--quiet", "-q", is_flag=True, help="No progress or notes on stderr.")(f)


def output_option(f):
    return click.option(
        "--output", "-o", metavar="FILE", default=None,
        help="Write here (replaced only when the run succeeds) instead of stdout.",
    )(f)


def skip_bad_option(f):
    return click.option(
        "--skip-bad", is_flag=True,
        help="Report a bad file, record or line on stderr and go on without it.",
    )(f)


def fail_on_option(f):
    return click.option(
        "--fail-on", type=click.Choice(["high", "medium", "low"]), default=None,
        help="Exit 1 when a finding at or above this severity exists.",
    )(f)


def select_option(f):
    """--only and --exclude: which checks (or kinds of finding) to report."""
    f = click.option("--exclude", "exclude", multiple=True, metavar="CHECK",
                     help="Leave out this check or kind of finding; repeatable.")(f)
    return click.option("--only", "only", multiple=True, metavar="CHECK",
                        help="Report only this check or kind of finding; repeatable "
                             "(claimcheck checks lists them).")(f)


def _kinds(only, exclude):
    """The kinds of finding --only and --exclude select, or None for all."""
    if not only and not exclude:
        return None
    from claimcheck.checks.registry import selected_kinds

    return selected_kinds(only, exclude)


def input_options(f):
    """How documents are read: the size limits and whether links are followed."""
    f = click.option(
        "--follow-links", is_flag=True,
        help="In folders and globs, read links that lead out of the folder too (loops are "
             "still skipped).",
    )(f)
    f = click.option(
        "--max-collection-mb", type=click.FloatRange(min=0.001), default=config.MAX_COLLECTION_MB,
        show_default=True, help="Refuse a JSON or JSON Lines collection larger than this, unpacked.",
    )(f)
    return click.option(
        "--max-doc-mb", type=click.FloatRange(min=0.001), default=config.MAX_DOCUMENT_MB,
        show_default=True, help="Refuse documents larger than this (a .docx's text, unpacked).",
    )(f)


def _reading(progress, max_doc_mb, max_collection_mb, follow_links):
    """iter_documents' keyword arguments for the input options; files skipped in folders
    are noted as warnings."""
    return dict(max_mb=max_doc_mb, max_collection_mb=max_collection_mb, follow_links=follow_links,
                note=lambda line: progress.note(f"claimcheck: warning: {line}"), progress=progress)


def _check_output(output):
    """Refuse an -o that cannot be written before any work is done: a folder, a path
    through a file, a folder where files cannot be made."""
    if output is None or output == "-":
        return
    import tempfile
    from pathlib import Path

    path = Path(output)
    if path.is_dir():
        raise InputError("is a folder", path=output, fix="give a file name to write")
    existing = next((p for p in path.parents if p.exists()), Path("."))
    if not existing.is_dir():
        raise InputError(f"cannot write here: {existing} is a file, not a folder", path=output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as err:
        raise InputError(f"cannot write here ({os_error_words(err)})", path=output) from None


def _embedder(model, cache=None, backend=None, progress=None):
    """The model, with vectors cached on disk under the cache folder (--cache); `progress`
    says when the model loads (only when a text is not in the cache)."""
    from claimcheck.retrieve.embeddings import Embedder

    embedder = Embedder(model, cache_dir=config.cache_dir(cache), backend=backend)
    if progress is not None:
        embedder.on_load = lambda name: progress.status(f"loading model {name}")
    return embedder


def _write(text, output):
    if output is None or output == "-":
        Progress.end_lines()
        click.echo(text, nl=False)
        return
    from claimcheck.io.jsonl import atomic_write

    try:
        with atomic_write(output) as handle:
            handle.write(text)
    except OSError as err:
        raise InputError(f"cannot write here ({os_error_words(err)})", path=output) from None


@contextlib.contextmanager
def _streamed(output):
    """A write(text) function for output written as it comes: stdout (flushed), or a
    temporary file renamed over `output` only when the block succeeds."""
    if output is None or output == "-":
        def write(text):
            if text:
                Progress.end_lines()
                click.echo(text, nl=False)
                sys.stdout.flush()
        yield write
        return
    from claimcheck.io.jsonl import atomic_write

    with atomic_write(output) as handle:
        def write(text):
            handle.write(text)
            handle.flush()
        yield write


def _exit_for(findings, fail_on):
    if fail_on and any(SEVERITY_RANK[f.severity] <= SEVERITY_RANK[fail_on] for f in findings):
        sys.exit(EXIT_FINDINGS)


def timestamp_option(f):
    return click.option(
        "--no-timestamp", is_flag=True,
        help="Leave the time out of the HTML report, so the same input gives the same bytes "
             "($SOURCE_DATE_EPOCH, if set, is used as the time instead).",
    )(f)


def _generated(no_timestamp):
    """The time printed on an HTML report, or None."""
    if no_timestamp:
        return None
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch and epoch.isdigit()
            else datetime.datetime.now(datetime.timezone.utc))
    return when.strftime("%Y-%m-%d %H:%M UTC")


def with_help_examples(name):
    """Put the command's examples after its help text. The docstring is dedented first,
    so that click rewraps its paragraphs as prose, and the examples stand in a paragraph
    marked \\b, which click prints as written, one a line."""
    def decorate(f):
        examples = EXAMPLES[name]
        title = "Examples:" if len(examples) > 1 else "Example:"
        lines = "\n".join(f"  {example}" for example in examples)
        f.__doc__ = f"{inspect.cleandoc(f.__doc__ or '')}\n\n{title}\n\n\b\n{lines}\n"
        return f
    return decorate


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
@click.option("--config", "config_file", metavar="FILE", default=None,
              help=f"Settings a team shares (TOML): corpus, exclude, only, fail-on, format, priors, "
                   f"cache [default: ./{config.CONFIG_FILE} if there is one]. Options given on the "
                   "command line win.")
@click.pass_context
def main(ctx, config_file):
    """Audit documents for numerical claims that do not hold together, offline.

    Claims are sentences with numbers; each is matched against the rest of its document
    and a corpus, and checks flag conflicts and implausible amounts.

    \b
    Start with:
      claimcheck audit STATEMENT.txt --corpus FOLDER/

    \b
    Exit codes: 0 no findings at or above --fail-on (or no --fail-on); 1 some;
    2 bad input or usage; 3 a bug in claimcheck; 130 interrupted; 143 terminated.
    """
    ctx.default_map = config.read_settings(config_file)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--corpus", "-c", "corpus", multiple=True, metavar="PATH",
              help="Other documents (files or folders) to check against; repeatable.")
@click.option("--sources-map", metavar="FILE", default=None,
              help="Which file each reference is, where matching cannot tell (JSON {\"R1\": "
                   "\"paper.pdf\"} or CSV reference,file); the files join the corpus.")
@click.option("--format", "-f", "fmt", type=click.Choice(["markdown", "jsonl", "csv", "html"]),
              default="markdown", show_default=True,
              help="Report format: markdown or html for people, jsonl for machines, csv for "
                   "spreadsheets.")
@click.option("-k", "--top-k", "k", type=click.IntRange(1, 100), default=config.DEFAULT_TOP_K,
              show_default=True, help="Passages retrieved per claim.")
@cache_option
@click.option("--priors", metavar="FILE", default=None, help="Your own cost priors (JSON).")
@input_options
@click.option("--baseline", metavar="FINDINGS.jsonl", default=None,
              help="Report only findings that are not in this earlier run's JSONL output.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where to extract and encode: in this process, or on Ray (pip install "
                   "'ray[data]'; $RAY_ADDRESS or --ray-address names a cluster).")
@click.option("--ray-address", metavar="ADDRESS", default=None,
              help="The Ray cluster for --engine ray, e.g. ray://head:10001 [default: $RAY_ADDRESS, "
                   "else Ray starts on this machine].")
@click.option("--workers", type=click.IntRange(1, 4096), default=None,
              help="Encoding actors for --engine ray [default: one per CPU Ray has].")
@select_option
@model_option
@output_option
@fail_on_option
@skip_bad_option
@timestamp_option
@quiet_option
@with_help_examples("audit")
def audit(paths, corpus, sources_map, fmt, k, cache, priors, max_doc_mb, max_collection_mb,
          follow_links, baseline, engine, ray_address, workers, only, exclude, model, backend,
          output, fail_on, skip_bad, no_timestamp, quiet):
    """Audit documents: check each against itself and the corpus, and report findings.

    PATHS are files (.txt, .md, .html, .pdf, .docx, or .json/.jsonl collections such as
    the REF2014 API's), folders or globs; '-' reads stdin. The index of the documents
    and corpus is built once and reused while they are unchanged.
    """
    from claimcheck.checks import Context
    from claimcheck.checks.plausibility import load_priors
    from claimcheck.pipeline import audit as run_audit
    from claimcheck.report import render

    progress = Progress(quiet)
    _check_output(output)
    kinds = _kinds(only, exclude)
    context = Context(load_priors(priors) if priors else None)
    known = {f.id for f in _read_findings(baseline)} if baseline else set()

    def run(on_findings):
        return run_audit(paths, corpus, embedder=_embedder(model, cache, backend, progress), k=k,
                         cache_dir=cache, context=context, progress=progress, skip_bad=skip_bad,
                         max_mb=max_doc_mb, max_collection_mb=max_collection_mb,
                         follow_links=follow_links, engine=engine, ray_address=ray_address,
                         workers=workers, on_findings=on_findings, kinds=kinds,
                         sources_map=sources_map)

    if fmt == "jsonl":  # machines get each group of documents' findings as soon as known
        from claimcheck.report import references_jsonl

        with _streamed(output) as write:
            result = run(lambda found: write(render([f for f in found if f.id not in known], "jsonl")))
            write(references_jsonl(result.documents))  # how each reference was resolved, last
    else:
        result = run(lambda found: None)
    for warning in result.warnings:
        progress.note(f"claimcheck: warning: {warning}")
    findings = [f for f in result.findings if f.id not in known]
    if fmt != "jsonl":
        summary = [f"Audited {_n(len(result.documents), 'document')}, {_n(result.claims, 'claim')}, "
                   f"against {_n(result.passages, 'passage')}."]
        if baseline:
            summary.append(f"{_n(len(result.findings) - len(findings), 'finding')} already in "
                           f"{baseline} left out.")
        _write(render(findings, fmt, summary=summary, documents=result.documents,
                      generated=_generated(no_timestamp)), output)
    progress.note(_closing_summary(result, findings))
    _exit_for(findings, fail_on)


def _closing_summary(result, findings):
    from collections import Counter

    by_severity = Counter(f.severity for f in findings)
    by_check = Counter(f.check for f in findings)
    parts = [f"{_n(len(result.documents), 'document')}, {_n(result.claims, 'claim')}, "
             f"{_n(len(findings), 'finding')}",
             ", ".join(f"{by_severity[s]} {s}" for s in ("high", "medium", "low")),
             ", ".join(f"{n} {c}" for c, n in by_check.most_common()) or "no checks fired",
             f"{result.seconds:.1f} s ({_reuse(result)})"]
    if result.references:
        found = sum(1 for r in result.references if r.source)
        parts.insert(3, f"{found} of {_n(len(result.references), 'reference')} found in the corpus")
    if result.skipped:
        parts.append(f"skipped {_n(len(result.skipped), 'bad file or record', 'bad files or records')}, "
                     "listed above")
    return "; ".join(parts)


def _reuse(result):
    if result.result_reused:
        return "unchanged since the last run: results reused"
    return "index reused" if result.index_reused else "index built"


def _read_jsonl(path, skip_bad=None):
    """read_jsonl's (line, object) pairs, with a file that cannot be read, or a line
    nested too deeply or holding a lone surrogate, an InputError naming it."""
    from claimcheck.io.jsonl import dumps, read_jsonl

    line = 0
    try:
        for line, obj in read_jsonl(path, skip_bad):
            try:
                dumps(obj).encode("utf-8")
            except UnicodeEncodeError as err:
                error = InputError(f"holds a lone surrogate ({err.object[err.start]!r}), which is not "
                                   "Unicode text", path=path, line=line)
                if skip_bad is None:
                    raise error from None
                skip_bad(error)
                continue
            yield line, obj
    except RecursionError:
        after = f" (after line {line})" if line else ""
        raise InputError(f"JSON nested too deeply to read{after}", path=path) from None
    except OSError as err:
        fix = "give a .jsonl file" if err.errno == errno.EISDIR else None
        raise InputError(os_error_words(err), path=path, fix=fix) from None


def _read_findings(path, references=None):
    """The findings of a JSONL file. An audit's records of how each reference was
    resolved ("type": "reference") are checked and added to `references`, or skipped."""
    from claimcheck.findings import Finding
    from claimcheck.retrieve.sources import Resolution

    findings = []
    for line, obj in _read_jsonl(path):
        try:
            if isinstance(obj, dict) and "type" in obj:
                resolution = Resolution.from_dict(obj)
                if references is not None:
                    references.append(resolution)
                continue
            findings.append(Finding.from_dict(obj))
        except ValueError as err:
            kind = "reference record" if isinstance(obj, dict) and "type" in obj else "finding"
            raise InputError(f"not a claimcheck {kind}: {err}", path=path, line=line,
                             fix="give the output of claimcheck check or audit --format jsonl") from None
    return findings


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", "output", required=True, metavar="INDEX_DIR",
              help="The index folder to write or update (replaced only when the build succeeds).")
@click.option("--rebuild", is_flag=True, help="Build afresh even if INDEX_DIR holds an index.")
@input_options
@model_option
@quiet_option
@with_help_examples("index")
def index(paths, output, rebuild, max_doc_mb, max_collection_mb, follow_links, model, backend, quiet):
    """Build a searchable index of the passages in PATHS (files or folders).

    When OUTPUT already holds an index of the same model, it is updated: documents
    removed or changed are taken out, new or changed ones added, and the rest kept as
    they are (--rebuild starts afresh).
    """
    from pathlib import Path

    from claimcheck.io.documents import iter_documents
    from claimcheck.retrieve.build import build_index, update_index
    from claimcheck.retrieve.index import PassageIndex

    progress = Progress(quiet)
    docs = list(iter_documents(paths, **_reading(progress, max_doc_mb, max_collection_mb, follow_links)))
    embedder = _embedder(model, backend=backend, progress=progress)
    existing = None
    if not rebuild and (Path(output) / "manifest.json").exists():
        existing = PassageIndex.load(output, model=embedder.name)
    if existing is None:
        idx = build_index(docs, embedder, progress)
        note = f"indexed {_n(len(idx), 'passage')} from {_n(len(docs), 'document')} into {output}"
    else:
        before = dict(existing.documents)
        idx = update_index(existing, docs, embedder, progress)
        kept = sum(1 for d in docs if before.get(d.id) == idx.documents.get(d.id))
        note = (f"updated {output}: {_n(len(docs) - kept, 'document')} added or changed, "
                f"{len(set(before) - {d.id for d in docs})} removed, {kept} kept; "
                f"{_n(len(idx), 'passage')}")
    idx.save(output)
    progress.note(note)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@input_options
@output_option
@quiet_option
@with_help_examples("extract")
def extract(paths, max_doc_mb, max_collection_mb, follow_links, output, quiet):
    """Extract check-worthy claims, with their quantities, as JSON Lines."""
    from claimcheck.io.documents import iter_documents
    from claimcheck.io.jsonl import dumps
    from claimcheck.parse.claims import extract_claims

    progress = Progress(quiet)
    _check_output(output)
    docs = iter_documents(paths, **_reading(progress, max_doc_mb, max_collection_mb, follow_links))
    lines = [dumps(c.to_dict()) + "\n" for doc in docs for c in extract_claims(doc)]
    _write("".join(lines), output)
    progress.note(_n(len(lines), "claim"))


def _read_claims(path, text_field, skip_bad=None):
    """Claims from a JSON Lines file; with `skip_bad`, bad lines go to it and are skipped."""
    claims = []
    for line, obj in _read_jsonl(path, skip_bad):
        try:
            claims.append(_claim(obj, path, line, text_field))
        except InputError as err:
            if skip_bad is None:
                raise
            skip_bad(err)
    return claims


def _claim(obj, path, line, text_field):
    """One claim from a JSON object, naming the fix when the text is under another key."""
    from claimcheck.parse.claims import Claim

    if isinstance(obj, dict) and text_field != "text" and text_field in obj:
        obj = {**obj, "text": obj[text_field]}
    try:
        return Claim.from_dict(obj, path=path, line=line)
    except InputError as err:
        if text_field == "text" and isinstance(obj, dict) and "missing" in str(err):
            other = next((k for k, v in obj.items() if isinstance(v, str) and k != "id"), None)
            if other:
                raise InputError(f'missing "text" (keys: {", ".join(sorted(obj))})', path=path,
                                 line=line, fix=f"use --text-field {other}") from None
        raise


@main.command()
@click.argument("claims_file", metavar="CLAIMS.jsonl")
@click.option("--index", "index_dir", metavar="INDEX_DIR", envvar=config.ENV_INDEX, required=True,
              help=f"Index folder from `claimcheck index` [env: {config.ENV_INDEX}].")
@click.option("--text-field", default="text", show_default=True, help="Field holding the claim text.")
@click.option("-k", "--top-k", "k", type=click.IntRange(1, 100), default=config.DEFAULT_TOP_K,
              show_default=True, help="Passages retrieved per claim.")
@select_option
@model_option
@output_option
@fail_on_option
@skip_bad_option
@quiet_option
@with_help_examples("check")
def check(claims_file, index_dir, text_field, k, only, exclude, model, backend, output, fail_on,
          skip_bad, quiet):
    """Check claims against an index and write findings as JSON Lines."""
    from claimcheck.pipeline import check_claims
    from claimcheck.report import render
    from claimcheck.retrieve.index import PassageIndex

    progress = Progress(quiet)
    _check_output(output)
    kinds = _kinds(only, exclude)
    skipped = []
    claims = _read_claims(claims_file, text_field, skipped.append if skip_bad else None)
    for err in skipped:
        progress.note(f"claimcheck: warning: skipped {err}")
    idx = PassageIndex.load(index_dir, model=model)
    findings = check_claims(claims, _embedder(idx.model, backend=backend, progress=progress), idx, k=k,
                            progress=progress, kinds=kinds)
    _write(render(findings, "jsonl"), output)
    progress.note(f"{_n(len(findings), 'finding')} for {_n(len(claims), 'claim')}")
    _exit_for(findings, fail_on)


def index_options(f):
    """--index or --corpus: an index built earlier, or documents to index (cached)."""
    f = cache_option(f)
    f = input_options(f)
    f = click.option("--corpus", "-c", "corpus", multiple=True, metavar="PATH",
                     help="Documents to look in (files or folders; indexed once, then reused); "
                          "instead of --index. Repeatable.")(f)
    return click.option("--index", "index_dir", metavar="INDEX_DIR", envvar=config.ENV_INDEX,
                        default=None,
                        help=f"Index folder from `claimcheck index` [env: {config.ENV_INDEX}].")(f)


def _open_index(index_dir, corpus, model, backend, cache, progress, reading):
    """(index, embedder, corpus documents) from --index or --corpus (read with `reading`,
    iter_documents' keyword arguments). A corpus from the settings file gives way to an
    --index given on the command line."""
    source = click.get_current_context().get_parameter_source("corpus")
    if index_dir and source == click.core.ParameterSource.DEFAULT_MAP:
        corpus = ()
    if corpus:
        from claimcheck.io.documents import iter_documents
        from claimcheck.retrieve.build import cached_index

        docs = list(iter_documents(corpus, **reading))
        embedder = _embedder(model, cache, backend, progress)
        idx, _ = cached_index(docs, embedder, cache, progress)
        return idx, embedder, docs
    if not index_dir:
        raise InputError("no corpus to look in",
                         fix="give --corpus PATH, or --index INDEX_DIR from `claimcheck index`")
    from claimcheck.retrieve.index import PassageIndex

    idx = PassageIndex.load(index_dir, model=model)
    return idx, _embedder(idx.model, cache, backend, progress), []


@main.command()
@click.argument("text", required=False)
@index_options
@click.option("--statement", metavar="FILE", default=None,
              help="The document the claim is from: its lists of references say which corpus "
                   "document a marker ([R1], [3]) cites, and that document's passages come first.")
@click.option("--sources-map", metavar="FILE", default=None,
              help="Which file each reference of --statement is, where matching cannot tell (as "
                   "for audit; the files must be in the corpus).")
@click.option("-k", "--top-k", "k", type=click.IntRange(1, 100), default=5, show_default=True,
              help="How many passages to show (and at most as many more from cited sources).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per passage.")
@model_option
@quiet_option
@with_help_examples("lookup")
def lookup(text, index_dir, corpus, statement, sources_map, max_doc_mb, max_collection_mb, follow_links,
           cache, k, as_json, model, backend, quiet):
    """Show the passages nearest to TEXT, numbers highlighted, with a verdict for each.

    Without TEXT, a prompt opens: type a claim, see its passages, and so on (up and down
    arrows recall earlier claims; Ctrl-D leaves). Claims piped on stdin are read one a line.

    A claim that cites a source found in the corpus ("[R1]" with --statement, "(Smith et
    al., 2012)", a DOI) is shown that source's passages first, labelled "cited".
    """
    from claimcheck.pipeline import Citations
    from claimcheck.pipeline import lookup as run_lookup
    from claimcheck.retrieve.sources import read_sources_map

    progress = Progress(quiet)
    reading = _reading(progress, max_doc_mb, max_collection_mb, follow_links)
    statement_doc = _load_statement(statement, reading) if statement else None
    explicit = read_sources_map(sources_map) if sources_map else None
    idx, embedder, docs = _open_index(index_dir, corpus, model, backend, cache, progress, reading)
    citations = Citations(idx, docs, explicit)
    progress.close(clear=True)  # the prompt and the answers have the terminal to themselves
    queries = [text] if text is not None else _prompt_lines(quiet)
    prompting = text is None and _interactive()
    for query in queries:
        if not query.strip():
            continue
        if text is None and not as_json and not prompting:
            click.echo(click.style(f"> {query}", bold=True))
        try:
            cited = citations(query, statement_doc)
            if not quiet:
                for line in _citation_notes(cited, statement):
                    click.echo(line, err=True)
            for hit in run_lookup(query, idx, embedder, k, cited):
                _show_hit(hit, as_json, query if text is None else None)
        except KeyboardInterrupt:
            if not prompting:
                raise
            click.echo("\n(lookup cancelled; Ctrl-D leaves)", err=True)  # back to the prompt


def _load_statement(path, reading):
    """The one document --statement names."""
    from claimcheck.io.documents import iter_documents

    docs = list(iter_documents([path], **reading))
    if len(docs) != 1:
        raise InputError(f"--statement names {len(docs)} documents, not one", path=path,
                         fix="give the one file the claim is from")
    return docs[0]


def _citation_notes(cited, statement):
    """One line for each reference a claim cites: the document it is, or why none."""
    from claimcheck.retrieve.sources import written

    for ref in cited:
        name = written(ref)
        if ref.source:
            yield f"{name} is {ref.source} (found by {ref.by}): its passages come first"
        elif ref.entry:
            yield (f"{name}: not found in the corpus"
                   + (" (name its file with --sources-map)" if statement else ""))
        elif statement:
            yield f"{name}: {statement} lists no reference {name}"
        else:
            yield f"{name}: give --statement FILE, the document the claim is from, to say what it cites"


def _interactive():
    """Whether claims are typed at a prompt (stdin a terminal), not piped."""
    return sys.stdin.isatty()


def _show_hit(hit, as_json, query=None):
    from claimcheck.io.jsonl import dumps

    p = hit.passage
    if as_json:
        record = {"doc": p.doc, "start": p.start, "end": p.end, "score": round(hit.score, 4),
                  "verdict": hit.verdict, "reason": hit.reason, "text": p.text,
                  "cited_source": hit.cited is not None,
                  "reference": hit.cited.label if hit.cited else None,
                  "found_by": hit.cited.by if hit.cited else None}
        click.echo(dumps({"query": query, **record} if query is not None else record))
        return
    colour = {"agrees": "green", "conflicts": "red"}.get(hit.verdict)
    # "unrelated" in the terminal's own colour, dimmed: white is invisible on a light background
    verdict = (click.style(f"{hit.score:.3f}  {hit.verdict}", fg=colour, bold=True) if colour
               else click.style(f"{hit.score:.3f}  {hit.verdict}", dim=True))
    if hit.cited is not None:
        from claimcheck.retrieve.sources import written

        verdict += "  " + click.style(f"cited {written(hit.cited)}", fg="blue", bold=True)
    click.echo(verdict + f"  {p.doc} [{p.start}-{p.end}]  ({hit.reason})")
    import shutil

    width = shutil.get_terminal_size().columns
    click.echo("\n".join(_wrapped(p.text, hit.quantities, width, "    ")) + "\n")


def _wrapped(text, spans, width, indent):
    """`text` in lines of at most `width` characters after `indent`, broken between
    words (a word longer than a line stands alone), the `spans` highlighted."""
    import re

    room = max(20, width - len(indent) - 1)
    lines, start, end = [], None, None
    for word in re.finditer(r"\S+", text):
        if start is not None and word.end() - start > room:
            lines.append((start, end))
            start = None
        if start is None:
            start = word.start()
        end = word.end()
    if start is not None:
        lines.append((start, end))
    out = []
    for a, b in lines:
        inside = [(max(s, a) - a, min(e, b) - a) for s, e in spans if s < b and e > a]
        out.append(indent + _highlight(text[a:b].replace("\n", " "), inside))
    return out


def _prompt_lines(quiet):
    """Claims typed at a prompt (with history kept between sessions) or piped on stdin."""
    if not sys.stdin.isatty():
        yield from (line.rstrip("\n") for line in sys.stdin)
        return
    history = config.cache_dir() / "lookup_history"
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        readline = None
    if readline:
        try:
            readline.read_history_file(history)
        except OSError:
            pass
    if not quiet:
        click.echo("Type a claim and press Enter; Ctrl-D leaves.", err=True)
    while True:
        try:
            line = input("claim> ")
        except EOFError:
            click.echo("", err=True)
            break
        except KeyboardInterrupt:
            click.echo("", err=True)
            continue
        if readline and line.strip():
            try:
                history.parent.mkdir(parents=True, exist_ok=True)
                readline.write_history_file(history)
            except OSError:
                pass
        yield line


@main.command()
@index_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep 127.0.0.1 unless you mean to share it).")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("-k", "--top-k", "k", type=click.IntRange(1, 100), default=config.DEFAULT_TOP_K,
              show_default=True, help="Passages retrieved per claim.")
@click.option("--priors", metavar="FILE", default=None, help="Your own cost priors (JSON).")
@model_option
@quiet_option
@with_help_examples("serve")
def serve(index_dir, corpus, max_doc_mb, max_collection_mb, follow_links, cache, host, port, k, priors,
          model, backend, quiet):
    """Serve a local web page: paste a statement, upload files (drop several at once) or
    pick a corpus document to see the findings highlighted in the text and download them
    as CSV, JSONL or an HTML report; or look a claim up against the corpus."""
    from claimcheck.checks import Context
    from claimcheck.checks.plausibility import load_priors
    from claimcheck.server import App, make_server

    progress = Progress(quiet)
    idx, embedder, docs = _open_index(index_dir, corpus, model, backend, cache, progress,
                                      _reading(progress, max_doc_mb, max_collection_mb, follow_links))
    app = App(docs, idx, embedder, Context(load_priors(priors) if priors else None), k=k,
              max_doc_mb=max_doc_mb, max_collection_mb=max_collection_mb)
    progress.close(clear=True)
    try:
        server = make_server(app, host, port, quiet)
    except OSError as err:
        raise InputError(f"cannot listen on {host}:{port} ({err.strerror})",
                         fix="choose another --port, or --port 0 for a free one") from None
    click.echo(f"claimcheck: serving on http://{host}:{server.server_address[1]}/ "
               "(Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("claimcheck: stopped", err=True)
    finally:
        server.server_close()


def _highlight(text, spans):
    from claimcheck.report import mark_spans

    return mark_spans(text, spans, lambda t: click.style(t, bold=True, underline=True))


@main.command(name="checks")
@with_help_examples("checks")
def list_checks():
    """List every check and the kinds of finding it reports, with what each finds.

    Any name listed can be given to --only or --exclude: a check's name selects all the
    kinds it reports. Checks from other packages (the claimcheck.checks entry points) are
    listed with the package that adds them.
    """
    from claimcheck.checks import CHECKS, KINDS
    from claimcheck.checks.registry import load_plugins

    load_plugins()
    for check in CHECKS.values():
        origin = "" if check.origin == "claimcheck" else f"  (from {check.origin})"
        click.echo(f"{check.name} [{check.scope}]{origin}")
        for name in check.emits:
            kind = KINDS[name]
            severity = f" [{kind.severities}]" if kind.severities else ""
            click.echo(f"  {name}{severity}: {kind.summary}")


@main.command()
@click.argument("findings_file", metavar="FINDINGS.jsonl")
@click.option("--format", "-f", "fmt", type=click.Choice(["markdown", "html", "jsonl", "csv"]),
              default="markdown", show_default=True)
@click.option("--documents", "-d", "doc_paths", multiple=True, metavar="PATH",
              help="The audited documents, so the HTML report can highlight findings in their "
                   "text and the reports can give their titles; repeatable.")
@input_options
@output_option
@timestamp_option
@with_help_examples("report")
def report(findings_file, fmt, doc_paths, max_doc_mb, max_collection_mb, follow_links, output,
           no_timestamp):
    """Render findings (JSON Lines) as Markdown, CSV or a self-contained HTML page."""
    from claimcheck.io.documents import iter_documents
    from claimcheck.io.jsonl import dumps
    from claimcheck.report import render

    _check_output(output)
    references = []
    findings = _read_findings(findings_file, references)
    reading = _reading(Progress(False), max_doc_mb, max_collection_mb, follow_links)
    documents = list(iter_documents(doc_paths, **reading)) if doc_paths and fmt != "jsonl" else []
    if fmt == "jsonl":
        text = render(findings, fmt) + "".join(dumps(r.to_dict()) + "\n" for r in references)
    else:
        text = render(findings, fmt, documents=documents, references=[r.to_dict() for r in references],
                      generated=_generated(no_timestamp))
    _write(text, output)


def run():  # pragma: no cover - console entry point alias
    main()


if __name__ == "__main__":  # pragma: no cover
    main()

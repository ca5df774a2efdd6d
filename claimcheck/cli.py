"""The claimcheck command: a thin layer of options and formatting over the library."""

import contextlib
import inspect
import signal
import sys
import threading
import time

import click

from claimcheck import __version__, config
from claimcheck.errors import ClaimcheckError, InputError
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
    ],
    "serve": ["claimcheck serve --corpus corpus/          # then open http://127.0.0.1:8765/"],
    "report": ["claimcheck report findings.jsonl --format html -d statement.md -o findings.html"],
    "checks": ["claimcheck checks", "claimcheck audit cases/ --only numeric-conflict --only count-vs-list"],
}


class Progress:
    """Progress on stderr: a rewritten line on a terminal; elsewhere (a log file, a
    pipe) one line every LOG_EVERY seconds and one when a stage ends, so an hour-long
    batch shows it is alive; nothing when --quiet."""

    #: Seconds between progress lines when stderr is not a terminal.
    LOG_EVERY = 30.0

    def __init__(self, quiet):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last = {}
        self.started = {}

    def __call__(self, stage, done, total, detail=""):
        if self.quiet:
            return
        now = time.monotonic()
        if done == 0:
            return  # the first report with work done starts the clock, after model loading
        began, first = self.started.setdefault(stage, (now, done))
        since = now - self.last.get(stage, began)
        if done < total and since < (0.2 if self.tty else self.LOG_EVERY):
            return
        self.last[stage] = now
        label = {"passages": "encoding passages", "claims": "checking claims",
                 "documents": "encoding documents on Ray"}.get(stage, stage)
        rate = (done - first) / (now - began) if now > began and done > first else 0.0
        left = f", {(total - done) / rate:.0f} s left" if rate and done < total else ""
        detail = f", {detail}" if detail else ""
        line = (f"{label}: {done}/{total}{detail} ({rate:.0f}/s{left})" if rate
                else f"{label}: {done}/{total}{detail}")
        if self.tty:
            click.echo(f"\r{line}\033[K", err=True, nl=done >= total)
        else:
            click.echo(line, err=True)

    def note(self, message):
        if not self.quiet:
            click.echo(message, err=True)


def _fail(message, code):
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


class Group(click.Group):
    """Turns claimcheck's typed errors into one-line messages and exit codes."""

    def invoke(self, ctx):
        before = _on_sigterm(_raise_terminated)
        try:
            return super().invoke(ctx)
        except ClaimcheckError as err:
            _fail(str(err), err.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; nothing was written", 130)
        except Terminated:
            _fail("terminated; nothing was written", 143)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        finally:
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


def _embedder(model, cache=None, backend=None):
    """The model, with vectors cached on disk under the cache folder (--cache)."""
    from claimcheck.embeddings import Embedder

    return Embedder(model, cache_dir=config.cache_dir(cache), backend=backend)


def _write(text, output):
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from claimcheck.jsonio import atomic_write

    with atomic_write(output) as handle:
        handle.write(text)


@contextlib.contextmanager
def _streamed(output):
    """A write(text) function for output written as it comes: stdout (flushed), or a
    temporary file renamed over `output` only when the block succeeds."""
    if output is None or output == "-":
        def write(text):
            if text:
                click.echo(text, nl=False)
                sys.stdout.flush()
        yield write
        return
    from claimcheck.jsonio import atomic_write

    with atomic_write(output) as handle:
        def write(text):
            handle.write(text)
            handle.flush()
        yield write


def _exit_for(findings, fail_on):
    if fail_on and any(SEVERITY_RANK[f.severity] <= SEVERITY_RANK[fail_on] for f in findings):
        sys.exit(1)


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
def main():
    """Audit documents for numerical claims that do not hold together, offline.

    Claims are sentences with numbers; each is matched against the rest of its document
    and a corpus, and checks flag conflicts and implausible amounts.

    \b
    Start with:
      claimcheck audit STATEMENT.txt --corpus FOLDER/
    """


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
@click.option("--max-doc-mb", type=click.FloatRange(min=0.001), default=config.MAX_DOCUMENT_MB,
              show_default=True, help="Refuse documents larger than this.")
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
def audit(paths, corpus, sources_map, fmt, k, cache, priors, max_doc_mb, baseline, engine, ray_address,
          workers, only, exclude, model, backend, output, fail_on, skip_bad, no_timestamp, quiet):
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
    kinds = _kinds(only, exclude)
    context = Context(load_priors(priors) if priors else None)
    known = {f.id for f in _read_findings(baseline)} if baseline else set()

    def run(on_findings):
        return run_audit(paths, corpus, embedder=_embedder(model, cache, backend), k=k,
                         cache_dir=cache, context=context, progress=progress, skip_bad=skip_bad,
                         max_mb=max_doc_mb, engine=engine, ray_address=ray_address,
                         workers=workers, on_findings=on_findings, kinds=kinds,
                         sources_map=sources_map)

    if fmt == "jsonl":  # machines get each group of documents' findings as soon as known
        with _streamed(output) as write:
            result = run(lambda found: write(render([f for f in found if f.id not in known], "jsonl")))
    else:
        result = run(lambda found: None)
    for warning in result.warnings:
        progress.note(f"claimcheck: warning: {warning}")
    findings = [f for f in result.findings if f.id not in known]
    if fmt != "jsonl":
        summary = [f"Audited {len(result.documents)} document(s), {result.claims} claims, against "
                   f"{result.passages} passages."]
        if baseline:
            summary.append(f"{len(result.findings) - len(findings)} findings already in {baseline} "
                           "are left out.")
        _write(render(findings, fmt, summary=summary, documents=result.documents,
                      generated=_generated(no_timestamp)), output)
    progress.note(_closing_summary(result, findings))
    _exit_for(findings, fail_on)


def _closing_summary(result, findings):
    from collections import Counter

    by_severity = Counter(f.severity for f in findings)
    by_check = Counter(f.check for f in findings)
    parts = [f"{len(result.documents)} documents, {result.claims} claims, {len(findings)} findings",
             ", ".join(f"{by_severity[s]} {s}" for s in ("high", "medium", "low")),
             ", ".join(f"{n} {c}" for c, n in by_check.most_common()) or "no checks fired",
             f"{result.seconds:.1f} s ({_reuse(result)})"]
    if result.skipped:
        parts.append(f"skipped {len(result.skipped)} bad file(s) or record(s), listed above")
    return "; ".join(parts)


def _reuse(result):
    if result.result_reused:
        return "unchanged since the last run: results reused"
    return "index reused" if result.index_reused else "index built"


def _read_findings(path):
    from claimcheck.findings import Finding
    from claimcheck.jsonio import read_jsonl

    findings = []
    for line, obj in read_jsonl(path):
        try:
            findings.append(Finding.from_dict(obj))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InputError("not a claimcheck finding", path=path, line=line,
                             fix="give the output of claimcheck check or audit --format jsonl") from None
    return findings


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", "output", required=True, metavar="INDEX_DIR",
              help="The index folder to write or update (replaced only when the build succeeds).")
@click.option("--rebuild", is_flag=True, help="Build afresh even if INDEX_DIR holds an index.")
@model_option
@quiet_option
@with_help_examples("index")
def index(paths, output, rebuild, model, backend, quiet):
    """Build a searchable index of the passages in PATHS (files or folders).

    When OUTPUT already holds an index of the same model, it is updated: documents
    removed or changed are taken out, new or changed ones added, and the rest kept as
    they are (--rebuild starts afresh).
    """
    from pathlib import Path

    from claimcheck.documents import iter_documents
    from claimcheck.index import PassageIndex
    from claimcheck.pipeline import build_index, update_index

    progress = Progress(quiet)
    docs = list(iter_documents(paths))
    embedder = _embedder(model, backend=backend)
    existing = None
    if not rebuild and (Path(output) / "manifest.json").exists():
        existing = PassageIndex.load(output, model=embedder.name)
    if existing is None:
        idx = build_index(docs, embedder, progress)
        note = f"indexed {len(idx)} passages from {len(docs)} document(s) into {output}"
    else:
        before = dict(existing.documents)
        idx = update_index(existing, docs, embedder, progress)
        kept = sum(1 for d in docs if before.get(d.id) == idx.documents.get(d.id))
        note = (f"updated {output}: {len(docs) - kept} document(s) added or changed, "
                f"{len(set(before) - {d.id for d in docs})} removed, {kept} kept; {len(idx)} passages")
    idx.save(output)
    progress.note(note)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@output_option
@quiet_option
@with_help_examples("extract")
def extract(paths, output, quiet):
    """Extract check-worthy claims, with their quantities, as JSON Lines."""
    from claimcheck.claims import extract_claims
    from claimcheck.documents import iter_documents
    from claimcheck.jsonio import dumps

    lines = [dumps(c.to_dict()) + "\n" for doc in iter_documents(paths) for c in extract_claims(doc)]
    _write("".join(lines), output)
    Progress(quiet).note(f"{len(lines)} claims")


def _read_claims(path, text_field, skip_bad=None):
    """Claims from a JSON Lines file; with `skip_bad`, bad lines go to it and are skipped."""
    from claimcheck.jsonio import read_jsonl

    claims = []
    for line, obj in read_jsonl(path, skip_bad):
        try:
            claims.append(_claim(obj, path, line, text_field))
        except InputError as err:
            if skip_bad is None:
                raise
            skip_bad(err)
    return claims


def _claim(obj, path, line, text_field):
    """One claim from a JSON object, naming the fix when the text is under another key."""
    from claimcheck.claims import Claim

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
    from claimcheck.index import PassageIndex
    from claimcheck.pipeline import check_claims
    from claimcheck.report import render

    progress = Progress(quiet)
    kinds = _kinds(only, exclude)
    skipped = []
    claims = _read_claims(claims_file, text_field, skipped.append if skip_bad else None)
    for err in skipped:
        progress.note(f"claimcheck: warning: skipped {err}")
    idx = PassageIndex.load(index_dir, model=model)
    findings = check_claims(claims, _embedder(idx.model, backend=backend), idx, k=k,
                            progress=progress, kinds=kinds)
    _write(render(findings, "jsonl"), output)
    progress.note(f"{len(findings)} findings for {len(claims)} claims")
    _exit_for(findings, fail_on)


def index_options(f):
    """--index or --corpus: an index built earlier, or documents to index (cached)."""
    f = cache_option(f)
    f = click.option("--corpus", "-c", "corpus", multiple=True, metavar="PATH",
                     help="Documents to look in (files or folders; indexed once, then reused); "
                          "instead of --index. Repeatable.")(f)
    return click.option("--index", "index_dir", metavar="INDEX_DIR", envvar=config.ENV_INDEX,
                        default=None,
                        help=f"Index folder from `claimcheck index` [env: {config.ENV_INDEX}].")(f)


def _open_index(index_dir, corpus, model, backend, cache, progress):
    """(index, embedder, corpus documents) from --index or --corpus."""
    if corpus:
        from claimcheck.documents import iter_documents
        from claimcheck.pipeline import cached_index

        docs = list(iter_documents(corpus))
        embedder = _embedder(model, cache, backend)
        idx, _ = cached_index(docs, embedder, cache, progress)
        return idx, embedder, docs
    if not index_dir:
        raise InputError("no corpus to look in",
                         fix="give --corpus PATH, or --index INDEX_DIR from `claimcheck index`")
    from claimcheck.index import PassageIndex

    idx = PassageIndex.load(index_dir, model=model)
    return idx, _embedder(idx.model, cache, backend), []


@main.command()
@click.argument("text", required=False)
@index_options
@click.option("-k", "--top-k", "k", type=click.IntRange(1, 100), default=5, show_default=True,
              help="How many passages to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per passage.")
@model_option
@quiet_option
@with_help_examples("lookup")
def lookup(text, index_dir, corpus, cache, k, as_json, model, backend, quiet):
    """Show the passages nearest to TEXT, numbers highlighted, with a verdict for each.

    Without TEXT, a prompt opens: type a claim, see its passages, and so on (up and down
    arrows recall earlier claims; Ctrl-D leaves). Claims piped on stdin are read one a line.
    """
    from claimcheck.pipeline import lookup as run_lookup

    idx, embedder, _ = _open_index(index_dir, corpus, model, backend, cache, Progress(quiet))
    queries = [text] if text is not None else _prompt_lines(quiet)
    for query in queries:
        if not query.strip():
            continue
        if text is None and not as_json and not sys.stdin.isatty():
            click.echo(click.style(f"> {query}", bold=True))
        for hit in run_lookup(query, idx, embedder, k):
            _show_hit(hit, as_json, query if text is None else None)


def _show_hit(hit, as_json, query=None):
    from claimcheck.jsonio import dumps

    p = hit.passage
    if as_json:
        record = {"doc": p.doc, "start": p.start, "end": p.end, "score": round(hit.score, 4),
                  "verdict": hit.verdict, "reason": hit.reason, "text": p.text}
        click.echo(dumps({"query": query, **record} if query is not None else record))
        return
    colour = {"agrees": "green", "conflicts": "red"}.get(hit.verdict, "white")
    click.echo(click.style(f"{hit.score:.3f}  {hit.verdict}", fg=colour, bold=True)
               + f"  {p.doc} [{p.start}-{p.end}]  ({hit.reason})")
    click.echo("    " + _highlight(p.text, hit.quantities).replace("\n", " ") + "\n")


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
def serve(index_dir, corpus, cache, host, port, k, priors, model, backend, quiet):
    """Serve a local web page: paste a statement (or pick a corpus document) to see its
    findings highlighted in the text, or look a claim up against the corpus."""
    from claimcheck.checks import Context
    from claimcheck.checks.plausibility import load_priors
    from claimcheck.server import App, make_server

    progress = Progress(quiet)
    idx, embedder, docs = _open_index(index_dir, corpus, model, backend, cache, progress)
    app = App(docs, idx, embedder, Context(load_priors(priors) if priors else None), k=k)
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
@output_option
@timestamp_option
@with_help_examples("report")
def report(findings_file, fmt, doc_paths, output, no_timestamp):
    """Render findings (JSON Lines) as Markdown, CSV or a self-contained HTML page."""
    from claimcheck.documents import iter_documents
    from claimcheck.report import render

    findings = _read_findings(findings_file)
    documents = list(iter_documents(doc_paths)) if doc_paths and fmt != "jsonl" else []
    _write(render(findings, fmt, documents=documents, generated=_generated(no_timestamp)), output)


def run():  # pragma: no cover - console entry point alias
    main()


if __name__ == "__main__":  # pragma: no cover
    main()

"""The claimcheck command: a thin layer of options and formatting over the library."""

import errno
import sys
from pathlib import Path

import click

from claimcheck import __version__, config
from claimcheck.cli.failures import Group, Terminated
from claimcheck.cli.options import (
    _check_output, _embedder, _exit_for, _format_for, _generated, _kinds, _reading, _streamed,
    _write, cache_option, fail_on_option, input_options, model_option, output_option,
    quiet_option, select_option, skip_bad_option, timestamp_option, with_help_examples,
)
from claimcheck.cli.passages import _citation_notes, _load_statement, _show_hit
from claimcheck.cli.progress import Progress, _n
from claimcheck.errors import InputError, os_error_words


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
              default="markdown",
              help="Report format: markdown or html for people, jsonl for machines, csv for "
                   "spreadsheets [default: the one -o's name gives (.html, .jsonl, .csv, .md), "
                   "else markdown].")
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
    fmt = _format_for(fmt, output)
    _check_output(output, (*paths, *corpus, baseline, sources_map, priors))
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
        progress.warn(f"claimcheck: warning: {warning}")
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
    if not result.documents:
        if fail_on:  # a gate that audited nothing must not pass
            raise InputError("nothing was audited: every input was skipped or held no document",
                             fix="mend the inputs listed above, or drop --fail-on")
        progress.warn("claimcheck: warning: nothing was audited: every input was skipped or held "
                      "no document")
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


def _not_skippable(pairs):
    """The pairs, with a bad line an error that --skip-bad does not skip (a findings file:
    a baseline, or what report renders)."""
    try:
        yield from pairs
    except InputError as err:
        err.skippable = False
        raise


def _read_findings(path, references=None):
    """The findings of a JSONL file. An audit's records of how each reference was
    resolved ("type": "reference") are checked and added to `references`, or skipped."""
    from claimcheck.findings import Finding
    from claimcheck.retrieve.sources import Resolution

    findings = []
    for line, obj in _not_skippable(_read_jsonl(path)):
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
    _check_output(output, paths)
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
    _check_output(output, (claims_file,))
    kinds = _kinds(only, exclude)
    skipped = []
    claims = _read_claims(claims_file, text_field, skipped.append if skip_bad else None)
    for err in skipped:
        progress.warn(f"claimcheck: warning: skipped {err}")
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
                   "document a marker ([R1], [3]) cites, and that document's passages come first "
                   "[default: the one corpus document whose lists give all the claim's markers].")
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

    A claim that cites a source found in the corpus ("[R1]", "(Smith et al., 2012)", a
    DOI) is shown that source's passages first, labelled "cited". A marker such as "[R1]"
    is read from the lists of --statement, or else of the one corpus document that lists
    every marker of the claim.
    """
    from claimcheck.pipeline import Citations
    from claimcheck.pipeline import lookup as run_lookup
    from claimcheck.retrieve.sources import listed_labels, read_sources_map, statement_for

    if text is not None and not text.strip():
        raise InputError("the claim to look up is empty",
                         fix='give its words (claimcheck lookup "The scheme trained 2,400 nurses"), '
                             "or none for a prompt")
    progress = Progress(quiet)
    reading = _reading(progress, max_doc_mb, max_collection_mb, follow_links)
    statement_doc = _load_statement(statement, reading) if statement else None
    explicit = read_sources_map(sources_map) if sources_map else None
    idx, embedder, docs = _open_index(index_dir, corpus, model, backend, cache, progress, reading)
    citations = Citations(idx, docs, explicit)
    progress.close(clear=True)  # the prompt and the answers have the terminal to themselves
    queries = [text] if text is not None else _prompt_lines(quiet)
    prompting = text is None and _interactive()
    listing = None  # the corpus documents' reference labels, read at the first marker
    for query in queries:
        if not query.strip():
            continue
        if text is None and not as_json and not prompting:
            click.echo(click.style(f"> {query}", bold=True))
        try:
            chosen, source = statement_doc, statement
            if chosen is None and docs:  # the one corpus document whose lists name the markers
                listing = listed_labels(docs) if listing is None else listing
                chosen, note = statement_for(query, docs, listing)
                source = chosen.id if chosen is not None else None
                if note and not quiet:
                    click.echo(note, err=True)
            cited = citations(query, chosen)
            if not quiet:
                for line in _citation_notes(cited, source):
                    click.echo(line, err=True)
            for hit in run_lookup(query, idx, embedder, k, cited):
                _show_hit(hit, as_json, query if text is None else None)
        except KeyboardInterrupt:
            if not prompting:
                raise
            click.echo("\n(lookup cancelled; Ctrl-D leaves)", err=True)  # back to the prompt


def _interactive():
    """Whether claims are typed at a prompt (stdin a terminal), not piped."""
    return sys.stdin.isatty()


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
    from claimcheck.httpd import make_server
    from claimcheck.server import App

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
    try:  # from the line that says it serves: a stop may come as soon as it is read
        click.echo(f"claimcheck: serving on http://{host}:{server.server_address[1]}/ "
                   "(Ctrl-C to stop)", err=True)
        server.serve_forever()
    except (KeyboardInterrupt, Terminated):  # Ctrl-C or SIGTERM: how a server is stopped
        click.echo("claimcheck: stopped", err=True)
    finally:
        server.server_close()


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
              default="markdown",
              help="[default: the one -o's name gives (.html, .jsonl, .csv, .md), else markdown]")
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

    fmt = _format_for(fmt, output)
    _check_output(output, (findings_file, *doc_paths))
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

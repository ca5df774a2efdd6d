"""The options the commands share, and reading, writing and exiting as they all do."""

import contextlib
import inspect
import sys
from pathlib import Path

import click

from claimcheck import config
from claimcheck.cli.failures import EXIT_FINDINGS
from claimcheck.cli.progress import Progress
from claimcheck.errors import InputError, os_error_words
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
    return click.option("--quiet", "-q", is_flag=True, help="No progress or notes on stderr (warnings still are).")(f)


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
                note=lambda line: progress.warn(f"claimcheck: warning: {line}"), progress=progress)


def _check_output(output, inputs=()):
    """Refuse an -o that cannot be written before any work is done: a folder, a path
    through a file, a folder where files cannot be made, or one of the `inputs` (files,
    folders or globs read), which writing the output would destroy."""
    if output is None or output == "-":
        return
    import os
    import tempfile

    from claimcheck.io.jsonl import is_replaceable

    if output == "":
        raise InputError("no file name given to -o", fix="give a file name to write, or - for stdout")
    path = Path(output)
    if path.is_dir():
        raise InputError("is a folder", path=output, fix="give a file name to write")
    if not is_replaceable(path):  # a device or a pipe: written in place
        if not os.access(path, os.W_OK):
            raise InputError("cannot write here (permission denied)", path=output)
        return
    if path.exists():
        read = _input_files(inputs)
        if any(_same_file(path, name) for name in read):
            raise InputError("is also an input; writing the output there would destroy it",
                             path=output, fix="give -o another file name")
    existing = next((p for p in path.parents if p.exists()), Path("."))
    if not existing.is_dir():
        raise InputError(f"cannot write here: {existing} is a file, not a folder", path=output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as err:
        raise InputError(f"cannot write here ({os_error_words(err)})", path=output) from None


def _input_files(inputs):
    """The files that `inputs` (paths, folders, globs) name, as they are read; none for
    those that cannot be read (reading them reports why)."""
    from claimcheck.io.paths import expand_paths

    files = []
    for name in inputs:
        if name and name != "-":
            try:
                files.extend(expand_paths([name]))
            except (InputError, OSError):
                continue
    return files


def _same_file(a, b):
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


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


#: The format an output file's name asks for when --format is not given.
_FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv",
                     ".md": "markdown", ".markdown": "markdown"}


def _format_for(fmt, output):
    """The report format: --format when given, else the one `-o report.html` names, else
    the default."""
    ctx = click.get_current_context()
    if output and output != "-" and ctx.get_parameter_source("fmt") == click.core.ParameterSource.DEFAULT:
        return _FORMAT_OF_SUFFIX.get(Path(output).suffix.lower(), fmt)
    return fmt

"""How the command ends when something goes wrong: one line on stderr and an exit code
(0 clean, 1 findings, 2 bad input, 3 a bug), SIGTERM handled like Ctrl-C, library logs
kept off the terminal."""

import signal
import sys
import threading

import click

from claimcheck import __version__
from claimcheck.cli.progress import Progress
from claimcheck.errors import ClaimcheckError


def _fail(message, code):
    for progress in Progress.live:
        progress.stop.set()
    Progress.end_lines()  # the error replaces a progress line
    click.echo(f"claimcheck: error: {message}", err=True)
    sys.exit(code)


def _skip_hint(group, ctx, err):
    """", or pass --skip-bad" for an error --skip-bad would skip, when the command run has
    that option; "" otherwise (extract, index and lookup read every line or none)."""
    if not getattr(err, "skippable", False) or not ctx.invoked_subcommand:
        return ""
    command = group.get_command(ctx, ctx.invoked_subcommand)
    return ", or pass --skip-bad" if any(p.name == "skip_bad" for p in command.params) else ""


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
            _fail(str(err) + _skip_hint(self, ctx, err), max(err.exit_code, EXIT_BAD_INPUT))
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

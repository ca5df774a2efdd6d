"""Progress on stderr: what the command is doing, with a bar, rate and time left."""

import sys
import threading
import time

import click


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
            self.warn(message)

    def warn(self, message):
        """A line on stderr even under --quiet: what the user must know (a file skipped)."""
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

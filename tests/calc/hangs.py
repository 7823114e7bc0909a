"""No real-Calc test can hold the run: a time limit per test, what was hanging, and one fresh retry.

Each test (its set-up, the test and its tear-down) has KUNTAPLAN_TEST_TIME_LIMIT seconds (default
240; the slowest test takes 28 s here, so a machine eight times slower still fits). A test
still running then has hung: a UNO call waits for an office that no longer answers. The watchdog

1. prints where every thread of the test process is (faulthandler) and, with gdb, where every
   thread of every running office is: the library names in those stacks show whose code holds it
   (the extension's is kuntaplan.so);
2. kills every office the tests started (kpoffice.Office.running()), so that the waiting UNO
   call raises and the test ends, failed.

The test then runs once more from a clean state: every fixture is torn down, the session's offices
too, and set up again for it. If it passes, the run goes on and the summary names it under "hung
and retried"; if it fails or hangs again, it fails. So a test that hangs every time still fails,
and so does a test that hangs once and then fails, while a rare hang of the office itself costs
one retry instead of the run. (The one hang seen, in CI at stop 24, made the run wait 1,800 s for
ctest's limit with no trace of where; CONTRIBUTING.md, "When a real-Calc test hangs", has what it
was and how the tests now avoid it.)

If the test process itself is still stuck AFTER_KILL seconds after the offices were killed, every
thread's stack is printed and the run exits (faulthandler), rather than waiting for ctest's limit.

Used by conftest.py (its hooks are imported there) and by test_harness.py's test of it.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import threading

import pytest
from _pytest.runner import runtestprotocol

from kpoffice import Office

LIMIT = float(os.environ.get("KUNTAPLAN_TEST_TIME_LIMIT", "240"))
AFTER_KILL = 120.0

_HANGS: list[tuple[str, str]] = []  # (test, what the retry did)
_STDERR: list = [sys.__stderr__]  # the terminal's stderr, not the test's captured one


def pytest_configure(config) -> None:
    # Output capturing is suspended while plugins are configured: fd 2 is the real stderr here,
    # while during a test it is a capture file that a passing retry would throw away.
    _STDERR[0] = open(os.dup(sys.__stderr__.fileno()), "w")


def _say(text: str, out=None) -> None:
    print(text, file=out or _STDERR[0], flush=True)


class Watchdog:
    """`with Watchdog(limit, what) as dog:` — if the block is still running after `limit`
    seconds, prints the stacks and kills every running office; `dog.fired` tells afterwards."""

    def __init__(self, limit: float, what: str, out=None, offices=None, config=None,
                 after_kill: float = AFTER_KILL) -> None:
        self.limit = limit
        self.after_kill = after_kill
        self.what = what
        self.out = out  # a real file (faulthandler writes to its descriptor); the terminal's stderr
        self.offices = offices  # the offices to look at and kill; every running one by default
        self.config = config  # pytest's, whose traceback style becomes "short" when it fires
        self.fired = False
        self._timer = threading.Timer(limit, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> "Watchdog":
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()
        # A _fire() that has begun ends first: the call it unblocked can return before it has
        # armed the exit below, which must not outlive the block.
        self._timer.join()
        if self.fired:
            faulthandler.cancel_dump_traceback_later()

    def _fire(self) -> None:
        self.fired = True
        out = self.out or _STDERR[0]
        offices = Office.running() if self.offices is None else self.offices
        if self.config is not None:
            # The long style prints the failed frames' arguments with repr(); repr() of a proxy
            # of a killed office throws a C++ exception out of pyuno, which aborts the process.
            self.config.option.tbstyle = "short"
        _say(f"\n!!! HANG: {self.what} is still running after {self.limit:.0f} s. "
             f"The test process's threads:", out)
        faulthandler.dump_traceback(file=out, all_threads=True)
        for office in offices:
            _say(f"!!! the threads of {office.native_stacks()}", out)
        for office in offices:
            office.kill()
        _say(f"!!! {len(offices)} office(s) killed; the waiting call should now fail", out)
        faulthandler.dump_traceback_later(self.after_kill, exit=True, file=out)


def _tear_down_everything(item: pytest.Item) -> None:
    """Every fixture of every scope is finalised (a killed office's session fixture too), so
    that the next set-up starts new offices. Errors of finalisers on killed offices are expected."""
    try:
        item.session._setupstate.teardown_exact(None)
    except BaseException as error:  # noqa: BLE001 — reported, the retry decides
        _say(f"!!! tearing down after the hang: {type(error).__name__}: {error}")


def _mark_hung_twice(reports) -> None:
    """The retry's first failed report (or its call, if the kill let every phase pass) fails
    and says so, in front of the error the killed office gave."""
    report = next((r for r in reports if r.failed), None) or next(r for r in reports if r.when == "call")
    said = f"hung twice: still running after {LIMIT:.0f} s both times (stacks on stderr)"
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        crash.message = f"{said}; then {crash.message}"
    else:
        report.longrepr = said
    report.outcome = "failed"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool:
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    style = item.config.option.tbstyle
    with Watchdog(LIMIT, item.nodeid, config=item.config) as first:
        reports = runtestprotocol(item, nextitem=nextitem, log=False)
    if first.fired:
        _tear_down_everything(item)
        item.config.option.tbstyle = style
        _say(f"!!! {item.nodeid}: running it once more, from new offices")
        with Watchdog(LIMIT, item.nodeid + " (the retry)", config=item.config) as again:
            reports = runtestprotocol(item, nextitem=nextitem, log=False)
        item.config.option.tbstyle = style
        if again.fired:
            _tear_down_everything(item)
            _mark_hung_twice(reports)
            _HANGS.append((item.nodeid, "hung again"))
        else:
            _HANGS.append((item.nodeid, "failed" if any(r.failed for r in reports) else "passed"))
    for report in reports:
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def pytest_terminal_summary(terminalreporter) -> None:
    if _HANGS:
        terminalreporter.section("hung and retried", sep="=")
        for nodeid, outcome in _HANGS:
            terminalreporter.line(f"{nodeid}: hung after {LIMIT:.0f} s, killed, retried: {outcome}")

"""A real, non-headless office on a virtual X display (Xvfb), for tests that look at what the user
sees: dialogs, menus and sheets, with screenshots (UNO-NOTES "Menu, commands and dialogs").

    with VirtualDisplay() as display, VisibleOffice(oxt, display) as office:
        ...
        display.screenshot(path)

Everything is bounded in time: Xvfb must answer within 10 s, the office within its start timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from commands import dispatch
from kpoffice import Office, _die_with_parent

XVFB = shutil.which("Xvfb")


class DisplayError(RuntimeError):
    pass


class VirtualDisplay:
    """Xvfb on the first free display number from 90, 1280 × 800, any client allowed (-ac: the
    office may run as another user than the test)."""

    def __init__(self, size: str = "1280x800x24") -> None:
        self.size = size
        self.process: subprocess.Popen | None = None
        self.name = ""

    def __enter__(self) -> "VirtualDisplay":
        if XVFB is None:
            raise DisplayError("Xvfb is not installed (scripts/setup.sh installs xvfb)")
        for number in range(90, 140):
            if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
                continue
            self.name = f":{number}"
            self.process = subprocess.Popen(
                [XVFB, self.name, "-ac", "-nolisten", "tcp", "-screen", "0", self.size],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break  # the number was taken after all: try the next
                if subprocess.run(["xdpyinfo", "-display", self.name], capture_output=True).returncode == 0:
                    return self
                time.sleep(0.1)
            self._stop()
        raise DisplayError("no free X display number for Xvfb")

    def __exit__(self, *exc_info) -> None:
        self._stop()

    def _stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def windows(self) -> set[str]:
        """The X windows shown on the display now (their ids), read from the X server without
        asking the office anything."""
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", ""],
                               capture_output=True, text=True, timeout=30,
                               env=dict(os.environ, DISPLAY=self.name))
        return set(found.stdout.split())

    def key(self, *keys: str) -> None:
        """Presses keys (xdotool names, e.g. "Escape") in the window that has the focus."""
        subprocess.run(["xdotool", "key", "--delay", "100", *keys], check=True, timeout=30,
                       capture_output=True, env=dict(os.environ, DISPLAY=self.name))

    def screenshot(self, path: os.PathLike | str, crop: str | None = None) -> Path:
        """The whole screen (or `crop`, an ImageMagick geometry like 800x600+10+20) as PNG."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        command = ["import", "-display", self.name, "-window", "root"]
        if crop:
            command += ["-crop", crop]
        subprocess.run(command + [str(path)], check=True, timeout=30, capture_output=True)
        return path


class VisibleOffice(Office):
    """kpoffice.Office, but with its windows on `display` (the gen VCL plug-in, no headless)."""

    def __init__(self, oxt_path, display: VirtualDisplay, **kwargs) -> None:
        super().__init__(oxt_path, **kwargs)
        self.display = display

    def _office_args(self) -> list[str]:
        return [arg for arg in super()._office_args() if arg not in ("--headless", "--invisible")]

    def _env(self) -> dict[str, str]:
        env = super()._env()
        env["DISPLAY"] = self.display.name
        env["SAL_USE_VCLPLUGIN"] = "gen"
        return env


# ------------------------------------------------------------ modal dialogs of the menu commands
#
# A command run through the bridge (dispatch_in_thread) builds its dialog in one of the office's
# UNO threads, without the office's SolarMutex; a menu click builds it in the main thread, which
# holds it. Asking the office for a window's accessible context (which takes the SolarMutex) while
# that other thread is still building the dialog can deadlock LibreOffice: measured on 25.2, the
# command's thread held cppuhelper's type-initialisation mutex inside DialogProvider2::create and
# waited for a lock that the accessibility call's thread held, which in turn waited for that
# mutex; the main thread waited for the SolarMutex (CONTRIBUTING.md, "When a real-Calc test
# hangs", has the stacks). So every wait for a window the command opens first waits, asking only
# the X server, until a new window is shown: the dialog is built by then. `before` is the set of
# windows shown before the action that opens it (VirtualDisplay.windows(); dispatch_in_thread()
# records it itself).

WAIT = 30.0  # seconds for a dialog to appear or go


def shown_windows(office: Office) -> set[str] | None:
    """The X windows shown now, for a later wait_for_window(before=...); None when headless."""
    display = getattr(office, "display", None)
    return display.windows() if display is not None else None


def dispatch_in_thread(office: Office, doc, command: str) -> tuple[threading.Thread, dict]:
    """Runs org.kuntaplan:<command> without arguments in a thread (its modal dialog blocks the
    dispatch); the result holder gets "dispatch" or the "error" it raised, for finish()."""
    result: dict = {"before": shown_windows(office)}

    def run():
        try:
            result["dispatch"] = dispatch(office, doc, command)
        except Exception as error:  # reported by the test, not lost in the thread
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def finish(thread: threading.Thread, result: dict):
    """Waits for a dispatch_in_thread() command to return; its dispatch result."""
    thread.join(WAIT)
    assert not thread.is_alive(), "the dialog did not close"
    assert "error" not in result, result["error"]
    return result["dispatch"]


def children_of(context) -> list:
    """The accessible children that are there (a child being created has no context yet)."""
    found = (context.getAccessibleChild(i) for i in range(context.getAccessibleChildCount()))
    return [c for c in (child.getAccessibleContext() for child in found if child is not None) if c is not None]


def _top_contexts(toolkit) -> list:
    """The top windows' accessible contexts, skipping windows being created or closed (None)."""
    out = []
    for k in range(toolkit.getTopWindowCount()):
        window = toolkit.getTopWindow(k)
        context = window.getAccessibleContext() if window is not None else None
        if context is not None:
            out.append((window, context))
    return out


def wait_for_window(office: Office, wanted, result: dict | None = None, what: str = "such window",
                    settle: float = 0.5, before: set[str] | None = None):
    """The first top window whose accessible context `wanted` accepts, `settle` s after it is
    there (first paint). Stops early when a dispatch_in_thread() `result` holds an error.
    With `before` (or the `result`'s), no accessibility call is made until the X server shows a
    window that was not in it (see above)."""
    if before is None and result is not None:
        before = result.get("before")
    deadline = time.monotonic() + WAIT
    if before is not None:
        while not office.display.windows() - before:
            assert result is None or "error" not in result, result
            if time.monotonic() > deadline:
                pytest.fail(f"no new window for the {what} within {WAIT:.0f} s: {result}")
            time.sleep(0.05)
        time.sleep(0.2)
    toolkit = office.create("com.sun.star.awt.Toolkit")
    while time.monotonic() < deadline:
        for window, context in _top_contexts(toolkit):
            if wanted(context):
                time.sleep(settle)
                return window
        assert result is None or "error" not in result, result
        time.sleep(0.1)
    seen = [(context.getAccessibleRole(), context.getAccessibleName(),
             [child.getAccessibleRole() for child in children_of(context)])
            for _, context in _top_contexts(toolkit)]
    pytest.fail(f"no {what} within {WAIT:.0f} s: {result} {seen}")

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
import time
from pathlib import Path

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

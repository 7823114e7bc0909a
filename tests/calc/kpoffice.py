"""A headless LibreOffice on a throwaway profile, for tests, the main job and benchmarks.

    with Office("build/kuntaplan.oxt", ui_locale="fi-FI") as office:
        doc = office.new_calc()
        sheet = doc.Sheets.getByIndex(0)
        office.set_formula(sheet, "A1", "=SUM(1;2)")
        office.values(sheet, "A1")          # [[3.0]]

Every Office starts its own soffice.bin on a fresh profile and always stops it and deletes the
profile on leaving the `with` block, also when the block raises. Run with /usr/bin/python3 (the
interpreter that has Debian's `uno` module).

Why it is done this way (measured on Debian 12 with LibreOffice 7.4 and 25.2):
- `unopkg add` into a profile that does not exist yet registers nothing, so the profile is created
  first (`--terminate_after_init`, repeated while soffice exits 81 = "restart").
- `unopkg add` refuses a per-user install as root, so it runs as `nobody` on a profile owned by
  `nobody`; the office itself then runs as the calling user (root in CI) and can still write there.
- unopkg can leave `<profile>/.lock` behind; a stale lock makes a later start wait on a prompt.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
import weakref
import zipfile
from pathlib import Path
from typing import Any, Iterable, Sequence

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

PROGRAM_DIR = Path(os.environ.get("KUNTAPLAN_LO_PROGRAM", "/usr/lib/libreoffice/program"))
SOFFICE_BIN = PROGRAM_DIR / "soffice.bin"
UNOPKG = PROGRAM_DIR / "unopkg"

# com.sun.star.sheet.FormulaResult
FORMULA_RESULT_ERROR = 4

CSV_FILTER = "Text - txt - csv (StarCalc)"
PDF_FILTER = "calc_pdf_Export"
# comma, double quote, UTF-8, start row 1, no column formats, language system, quote all text
# off, detect special numbers on, "save cell contents as shown" off, export formulas off,
# remove spaces off, and the 12th token -1: every sheet into its own file <base>-<Sheet>.csv.
CSV_ALL_SHEETS = "44,34,76,1,,0,false,true,false,false,false,-1"

RESTART_EXIT_CODE = 81
UNPRIVILEGED = ("nobody", "nogroup")


# What an English Calc shows for an error code (ScGlobal::GetErrorString); other codes show
# "Err:<code>". A Finnish UI shows some of them translated (#JAKO/0!, #NIMI?), so tests compare
# against these.
_ERROR_NAMES = {
    503: "#NUM!",      # IllegalFPOperation
    519: "#VALUE!",    # NoValue
    521: "#NULL!",     # NoCode
    524: "#REF!",      # NoRef
    525: "#NAME?",     # NoName
    530: "#NAME?",     # NoAddin
    531: "#NAME?",     # NoMacro
    532: "#DIV/0!",    # DivisionByZero
    32767: "#N/A",     # NotAvailable
}


def column_name(index: int) -> str:
    """Spreadsheet column letters of a 0-based index: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def a1_block(col: int, row: int, rows: int, cols: int) -> str:
    """A1-style range of `rows` × `cols` cells from (0-based column index, 1-based row)."""
    return f"{column_name(col)}{row}:{column_name(col + cols - 1)}{row + rows - 1}"


def error_text(code: int) -> str:
    """The English text of a Calc error code, e.g. 502 -> "Err:502", 532 -> "#DIV/0!"."""
    return _ERROR_NAMES.get(code, f"Err:{code}")


class OfficeError(RuntimeError):
    """The office could not be prepared, started or reached."""


def _props(**values: Any) -> tuple:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        out.append(prop)
    return tuple(out)


def _to_uno(value: Any) -> Any:
    """Lists (also nested) become the tuples that UNO sequences need."""
    if isinstance(value, (list, tuple)):
        return tuple(_to_uno(v) for v in value)
    return value


def _function_argument(value: Any) -> Any:
    """A FunctionAccess argument. Python would pass a nested tuple as any[] of any[], which
    Calc rejects, so a list of rows is typed as double[][] (all numbers) or any[][];
    a flat list is one row."""
    if not isinstance(value, (list, tuple)):
        return value
    rows = value if value and all(isinstance(r, (list, tuple)) for r in value) else [value]
    cells = [c for row in rows for c in row]
    if all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in cells):
        return uno.Any("[][]double", tuple(tuple(float(c) for c in row) for row in rows))
    return uno.Any("[][]any", tuple(tuple(float(c) if isinstance(c, int) else c for c in row)
                                    for row in rows))


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: if the Python process dies (killed test run),
    # the kernel kills the office too instead of leaving it behind.
    PR_SET_PDEATHSIG = 1
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    os.setsid()


def _clip(text: str, keep: int = 2000) -> str:
    """The start and the end of a long output (the cause is often on the first lines)."""
    if len(text) <= 2 * keep:
        return text
    return f"{text[:keep]}\n[... {len(text) - 2 * keep} characters ...]\n{text[-keep:]}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _file_url(path: os.PathLike | str) -> str:
    return uno.systemPathToFileUrl(str(Path(path).resolve()))


def _chown_tree(root: Path, user: str, group: str) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        shutil.chown(dirpath, user, group)
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                shutil.chown(path, user, group)


def set_registry_values(xcu: Path, values: dict[tuple[str, str], str]) -> None:
    """Sets string properties in a profile's registrymodifications.xcu.

    `values` maps (node path, property name) to the value, for example
    {("/org.openoffice.Setup/L10N", "ooLocale"): "fi-FI"}. An existing entry for the same
    property is replaced. The file has one <item> per line, as the office writes it.
    """
    text = xcu.read_text(encoding="utf-8")
    for (path, name), value in values.items():
        item = re.compile(
            r'<item oor:path="' + re.escape(path) + r'"><prop oor:name="' + re.escape(name)
            + r'"[^>]*>.*?</prop></item>\n?'
        )
        text = item.sub("", text)
        line = (f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
                f"<value>{value}</value></prop></item>\n")
        text = text.replace("</oor:items>", line + "</oor:items>")
    xcu.write_text(text, encoding="utf-8")


def locale_settings(ui_locale: str) -> dict[tuple[str, str], str]:
    """What makes the office run in `ui_locale`: UI language (menus, function names) and the
    locale used for number formats and formula separators."""
    return {
        ("/org.openoffice.Office.Linguistic/General", "UILocale"): ui_locale,
        ("/org.openoffice.Setup/L10N", "ooLocale"): ui_locale,
        ("/org.openoffice.Setup/L10N", "ooSetupSystemLocale"): ui_locale,
    }


# Every Office whose soffice.bin has been started and not yet stopped (for the tests' watchdog).
_RUNNING: "weakref.WeakSet[Office]" = weakref.WeakSet()

# How long stop() lets the office close its documents and terminate before it kills it.
POLITE_STOP = 30.0


class Office:
    """A private headless office. Use as a context manager.

    oxt_path   the extension to install, or None for an office without it (a recipient of a
               workbook who does not have the extension).
    ui_locale  e.g. "en-US", "fi-FI", "sv-FI"; needs the matching libreoffice-l10n package.
    workdir    where the profile and logs go (a new temporary directory by default; it is
               deleted on exit either way).
    mode       how the extension gets in: "unopkg" (per-user install, as a user does it) or
               "bundled" (the unpacked .oxt as a bundled extension; no unopkg step).
    connection "pipe" (a unique named pipe; no port races) or "socket" (a free local port).
    registry   more (node path, property) -> value settings for the profile.
    profile    start on this existing profile (from an earlier Office with keep_workdir=True)
               instead of a new one; nothing is installed. For install/uninstall tests.
    """

    def __init__(self, oxt_path: os.PathLike | str | None, ui_locale: str = "en-US",
                 workdir: os.PathLike | str | None = None, *, mode: str = "unopkg",
                 connection: str = "pipe", start_timeout: float = 60.0,
                 registry: dict[tuple[str, str], str] | None = None,
                 keep_workdir: bool = False, profile: os.PathLike | str | None = None) -> None:
        if mode not in ("unopkg", "bundled"):
            raise ValueError(f"mode must be 'unopkg' or 'bundled', but was: {mode!r}")
        if connection not in ("pipe", "socket"):
            raise ValueError(f"connection must be 'pipe' or 'socket', but was: {connection!r}")
        self.oxt_path = Path(oxt_path).resolve() if oxt_path is not None else None
        if self.oxt_path is not None and not self.oxt_path.is_file():
            raise OfficeError(f"extension not found: {self.oxt_path}")
        self.ui_locale = ui_locale
        self.mode = mode
        self.connection = connection
        self.start_timeout = start_timeout
        self.registry = dict(registry or {})
        self.keep_workdir = keep_workdir
        self._existing_profile = Path(profile) if profile is not None else None
        self._workdir_arg = Path(workdir) if workdir is not None else None
        self.workdir: Path | None = None
        self.profile: Path | None = None
        self.process: subprocess.Popen | None = None
        self.ctx = self.smgr = self.desktop = None
        self._function_access = None
        self.timings: dict[str, float] = {}

    # ---- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> "Office":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        t0 = time.monotonic()
        if self._existing_profile is not None:
            self.profile = self._existing_profile
            self.workdir = self.profile.parent
            self.home = self.workdir / "home"
            self.log_path = self.workdir / "soffice-again.log"
            for lock in (self.profile / ".lock", self.profile / "user" / ".lock"):
                lock.unlink(missing_ok=True)
            self._launch([])
            if not self._connect():
                self._launch([])
                self._connect()
            return
        if self._workdir_arg is not None:
            self._workdir_arg.mkdir(parents=True, exist_ok=True)
            self.workdir = Path(tempfile.mkdtemp(prefix="kpoffice-", dir=self._workdir_arg))
        else:
            self.workdir = Path(tempfile.mkdtemp(prefix="kpoffice-"))
        self.workdir.chmod(0o755)
        self.profile = self.workdir / "profile"
        self.home = self.workdir / "home"
        self.home.mkdir()
        self.log_path = self.workdir / "soffice.log"

        # A bundled extension is synchronised into the profile while it is created; a
        # per-user one can only be added to a profile that exists.
        extra_env: list[str] = []
        if self.oxt_path is not None and self.mode == "bundled":
            extra_env.append("-env:BUNDLED_EXTENSIONS=" + _file_url(self._unpack_bundled()))
        self._init_profile(extra_env)
        self.timings["init_profile"] = time.monotonic() - t0

        if self.oxt_path is not None and self.mode == "unopkg":
            t = time.monotonic()
            self._unopkg_add()
            self.timings["install_extension"] = time.monotonic() - t

        settings = dict(self.registry)
        if self.ui_locale != "en-US":
            settings.update(locale_settings(self.ui_locale))
        if settings:
            set_registry_values(self.profile / "user" / "registrymodifications.xcu", settings)
        for lock in (self.profile / ".lock", self.profile / "user" / ".lock"):
            lock.unlink(missing_ok=True)

        t = time.monotonic()
        for attempt in range(3):
            self._launch(extra_env)
            if self._connect():
                break
        else:
            raise OfficeError(f"soffice.bin kept asking for a restart (exit {RESTART_EXIT_CODE})"
                              f"\n--- its output ---\n{self._log_text()}")
        self.timings["start_and_connect"] = time.monotonic() - t
        self.timings["total_start"] = time.monotonic() - t0

    def stop(self) -> None:
        """Terminates the office (politely, then by force) and deletes the work directory.
        Bounded in time: an office that does not close within POLITE_STOP seconds is killed
        (the UNO calls of the polite close would otherwise wait for ever on a hung office)."""
        try:
            if self.process is not None and self.process.poll() is None:
                polite = self.desktop is not None
                if polite:
                    closing = threading.Thread(target=self._close_politely, daemon=True)
                    closing.start()
                    closing.join(POLITE_STOP)
                    polite = not closing.is_alive()
                try:
                    self.process.wait(timeout=15 if polite else 0.1)
                except subprocess.TimeoutExpired:
                    self._kill_group(signal.SIGTERM)
                    try:
                        self.process.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        self._kill_group(signal.SIGKILL)
                        self.process.wait(timeout=10)
            # Children of soffice.bin (none expected headless) share its process group.
            if self.process is not None:
                self._kill_group(signal.SIGKILL)
        finally:
            _RUNNING.discard(self)
            self.ctx = self.smgr = self.desktop = self._function_access = None
            self.process = None
            if self.workdir is not None and not self.keep_workdir:
                shutil.rmtree(self.workdir, ignore_errors=True)

    def _close_politely(self) -> None:
        try:
            self._close_all_documents()
            self.desktop.terminate()
        except Exception:
            pass  # the bridge goes away while terminate() returns

    @staticmethod
    def running() -> list["Office"]:
        """Every office started (by any Office) and not yet stopped, whose process still runs."""
        while True:
            try:
                offices = list(_RUNNING)  # another thread may start or stop one meanwhile
                break
            except RuntimeError:
                continue
        return [o for o in offices if o.process is not None and o.process.poll() is None]

    def kill(self) -> None:
        """Kills the office and its children at once (SIGKILL). A UNO call waiting on it then
        raises (DisposedException or RuntimeException) instead of waiting for ever; stop() still
        cleans up."""
        if self.process is not None:
            self._kill_group(signal.SIGKILL)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass

    def native_stacks(self, timeout: float = 60.0) -> str:
        """Where every thread of the running office is (gdb's backtraces; the library names
        show whose code holds it), and the end of its output, as text for a report."""
        if self.process is None or self.process.poll() is not None:
            return f"soffice.bin: not running ({self.log_path})"
        pid = self.process.pid
        head = f"soffice.bin pid {pid} ({self.ui_locale}, {self.workdir})"
        gdb = shutil.which("gdb")
        if gdb is None:
            stacks = "(no stacks: gdb is not installed)"
        else:
            try:
                result = subprocess.run(
                    [gdb, "-p", str(pid), "-batch", "-nx", "-ex", "set pagination off",
                     "-ex", "thread apply all bt 40"],
                    capture_output=True, text=True, timeout=timeout)
                stacks = result.stdout + result.stderr
            except subprocess.TimeoutExpired:
                stacks = f"(gdb did not finish within {timeout:.0f} s)"
        return f"{head}\n{stacks}\n--- its output ---\n{self._log_text()}"

    def _kill_group(self, sig: int) -> None:
        try:
            os.killpg(self.process.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def _close_all_documents(self) -> None:
        components = self.desktop.getComponents().createEnumeration()
        while components.hasMoreElements():
            try:
                self.close(components.nextElement())
            except Exception:
                pass

    # ---- preparing the profile -------------------------------------------------------------

    def _office_args(self) -> list[str]:
        return [str(SOFFICE_BIN), "--headless", "--invisible", "--norestore", "--nologo",
                "--nodefault", "--nolockcheck",
                "-env:UserInstallation=" + _file_url(self.profile)]

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["HOME"] = str(self.home)
        # No desktop integration or accessibility bridge from a developer's session.
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        env["SAL_USE_VCLPLUGIN"] = "svp"
        return env

    def _init_profile(self, extra_env: Sequence[str]) -> None:
        for attempt in range(5):
            result = subprocess.run(self._office_args() + list(extra_env)
                                    + ["--terminate_after_init"],
                                    env=self._env(), capture_output=True, text=True,
                                    timeout=120, preexec_fn=_die_with_parent)
            if result.returncode != RESTART_EXIT_CODE:
                break
        if result.returncode != 0 or not (self.profile / "user").is_dir():
            raise OfficeError(
                f"could not initialise the profile {self.profile} (exit {result.returncode} "
                f"after {attempt + 1} runs):\n{_clip(result.stdout + result.stderr)}")

    def _unopkg_add(self) -> None:
        user, group = UNPRIVILEGED
        if os.geteuid() == 0:
            for parent in self.workdir.parents:
                if not parent.stat().st_mode & 0o001:
                    raise OfficeError(
                        f"unopkg runs as {user}, who cannot reach {self.workdir}: {parent} is "
                        f"not searchable by others (pytest's tmp_path is like that); use a "
                        f"workdir under /tmp or the default")
        for path in (self.workdir, self.home):
            shutil.chown(path, user, group)
        _chown_tree(self.profile, user, group)
        command = [str(UNOPKG), "add", "-f", "--suppress-license",
                   "-env:UserInstallation=" + _file_url(self.profile), str(self.oxt_path)]
        if os.geteuid() == 0:
            command = ["setpriv", f"--reuid={user}", f"--regid={group}", "--clear-groups",
                       "env", f"HOME={self.home}"] + command
        # The .oxt must be readable by `nobody`; copy it into the work directory.
        oxt_copy = self.workdir / self.oxt_path.name
        shutil.copyfile(self.oxt_path, oxt_copy)
        shutil.chown(oxt_copy, user, group)
        command[-1] = str(oxt_copy)
        # unopkg's shell wrapper cd's to the current directory, which `nobody` may not reach
        # (a clone under a private temporary folder): run it from the work directory.
        result = subprocess.run(command, env=self._env(), capture_output=True, text=True,
                                timeout=180, preexec_fn=_die_with_parent, cwd=self.workdir)
        if result.returncode != 0:
            raise OfficeError(f"unopkg add {self.oxt_path} failed (exit {result.returncode}):\n"
                              f"{result.stdout}{result.stderr}")

    def _unpack_bundled(self) -> Path:
        root = self.workdir / "bundled"
        target = root / self.oxt_path.stem
        with zipfile.ZipFile(self.oxt_path) as archive:
            archive.extractall(target)
        return root

    # ---- starting and connecting -----------------------------------------------------------

    def _launch(self, extra_env: Sequence[str]) -> None:
        if self.connection == "pipe":
            name = f"kpoffice_{uuid.uuid4().hex}"
            self._accept = f"pipe,name={name}"
        else:
            self._accept = f"socket,host=127.0.0.1,port={_free_port()}"
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            self._office_args() + list(extra_env)
            + [f"--accept={self._accept};urp;StarOffice.ComponentContext"],
            env=self._env(), stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent)
        self._log.close()
        _RUNNING.add(self)

    def _connect(self) -> bool:
        """Waits until the office accepts the bridge; False if it exited asking for a restart."""
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = f"uno:{self._accept};urp;StarOffice.ComponentContext"
        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                self.ctx = resolver.resolve(url)
                break
            except NoConnectException:
                pass
            rc = self.process.poll()
            if rc == RESTART_EXIT_CODE:
                return False
            if rc is not None:
                raise OfficeError(f"soffice.bin exited with code {rc} before accepting "
                                  f"connections.\n--- its output ---\n{self._log_text()}")
            if time.monotonic() > deadline:
                raise OfficeError(f"no connection to soffice.bin at {url} after "
                                  f"{self.start_timeout:.0f} s.\n--- its output ---\n"
                                  f"{self._log_text()}")
            time.sleep(0.05)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        return True

    def _log_text(self) -> str:
        try:
            return _clip(self.log_path.read_text(errors="replace")) or "(nothing)"
        except OSError:
            return "(no log)"

    # ---- documents -------------------------------------------------------------------------

    def create(self, service: str) -> Any:
        return self.smgr.createInstanceWithContext(service, self.ctx)

    def new_calc(self, hidden: bool = True) -> Any:
        return self.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                                 _props(Hidden=hidden))

    def load(self, path: os.PathLike | str, hidden: bool = True, as_template: bool = False,
             **properties: Any) -> Any:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"no such document: {path}")
        doc = self.desktop.loadComponentFromURL(
            _file_url(path), "_blank", 0,
            _props(Hidden=hidden, AsTemplate=as_template, **properties))
        if doc is None:
            raise OfficeError(f"the office could not load {path}")
        return doc

    def store_to(self, doc: Any, path: os.PathLike | str, filter_name: str,
                 filter_options: str | None = None, **properties: Any) -> Path:
        """Stores a copy (the document keeps its own location). For CSV the default options
        write every sheet to <stem>-<SheetName>.csv beside `path`."""
        path = Path(path).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        if filter_name == CSV_FILTER and filter_options is None:
            filter_options = CSV_ALL_SHEETS
        if filter_options is not None:
            properties["FilterOptions"] = filter_options
        doc.storeToURL(_file_url(path), _props(FilterName=filter_name, Overwrite=True,
                                               **properties))
        return path

    def close(self, doc: Any) -> None:
        try:
            doc.close(True)
        except Exception:
            doc.dispose()

    def recalc_hard(self, doc: Any) -> None:
        doc.calculateAll()

    # ---- cells -----------------------------------------------------------------------------

    @staticmethod
    def sheet(doc: Any, which: int | str = 0) -> Any:
        sheets = doc.Sheets
        return sheets.getByIndex(which) if isinstance(which, int) else sheets.getByName(which)

    @staticmethod
    def set_formula(sheet: Any, cell: str, formula: str, local: bool = False) -> Any:
        """`formula` in English function names and `;` separators (or the UI's, if `local`)."""
        target = sheet.getCellRangeByName(cell)
        if local:
            target.FormulaLocal = formula
        else:
            target.setFormula(formula)
        return target

    @staticmethod
    def set_array_formula(sheet: Any, cell_range: str, formula: str) -> Any:
        target = sheet.getCellRangeByName(cell_range)
        target.setArrayFormula(formula)
        return target

    def require_err502(self, sheet: Any, cell_range: str, formula: str, why: str) -> None:
        """The bad-input check of every function: `formula` entered as an array formula over
        `cell_range` shows Err:502 in its top-left cell, and the office still computes."""
        self.set_array_formula(sheet, cell_range, formula)
        shown = self.values(sheet, cell_range.split(":")[0])[0][0]
        assert shown == "Err:502", f"{why}: {formula} gave {shown!r}"
        assert self.call("SUM", 1, 2) == 3, "the office no longer computes"

    @staticmethod
    def set_values(sheet: Any, cell_range: str, rows: Sequence[Sequence[Any]]) -> Any:
        target = sheet.getCellRangeByName(cell_range)
        target.setDataArray(_to_uno(rows))
        return target

    @staticmethod
    def put_block(sheet: Any, col: int, row: int, table: Sequence[Sequence[Any]]) -> str:
        """set_values() of `table` with its top left cell at (0-based column, 1-based row);
        returns the A1-style range it filled."""
        cell_range = a1_block(col, row, len(table), len(table[0]))
        Office.set_values(sheet, cell_range, table)
        return cell_range

    def function_descriptions(self) -> dict[str, dict]:
        """The Function Wizard's entries by function name: Name, Description, Arguments, …"""
        descriptions = self.create("com.sun.star.sheet.FunctionDescriptions")
        out = {}
        for i in range(descriptions.getCount()):
            entry = {p.Name: p.Value for p in descriptions.getByIndex(i)}
            out[entry["Name"]] = entry
        return out

    @staticmethod
    def values(sheet: Any, cell_range: str) -> list[list[Any]]:
        """Numbers as float, text as str, empty cells as "", error cells as the text an
        English Calc shows ("#DIV/0!", "Err:502", "#NAME?"), whatever the UI language."""
        return Office.range_values(sheet.getCellRangeByName(cell_range))

    @staticmethod
    def range_values(cell_range: Any) -> list[list[Any]]:
        """values() of a cell range object (e.g. a named range's getReferredCells())."""
        rows = [list(row) for row in cell_range.getDataArray()]
        origin = cell_range.getRangeAddress()
        for address, text in Office._error_cells(cell_range):
            rows[address.Row - origin.StartRow][address.Column - origin.StartColumn] = text
        return rows

    @staticmethod
    def _error_cells(cell_ranges: Any) -> Iterable[tuple[Any, str]]:
        found = cell_ranges.queryFormulaCells(FORMULA_RESULT_ERROR)
        cells = found.getCells().createEnumeration()
        while cells.hasMoreElements():
            cell = cells.nextElement()
            yield cell.getCellAddress(), error_text(cell.getError())

    def error_cells(self, doc: Any) -> list[tuple[str, str, str, str]]:
        """Every formula cell holding an error: (sheet, cell, shown text, formula)."""
        out = []
        for index in range(doc.Sheets.getCount()):
            sheet = doc.Sheets.getByIndex(index)
            for address, text in self._error_cells(sheet):
                cell = sheet.getCellByPosition(address.Column, address.Row)
                name = cell.AbsoluteName.rsplit(".", 1)[-1].replace("$", "")
                out.append((sheet.Name, name, text, cell.getFormula()))
        return out

    # ---- functions -------------------------------------------------------------------------

    def call(self, name: str, *args: Any) -> Any:
        """Calls a spreadsheet function (English or UI-language name, add-in functions too)
        through com.sun.star.sheet.FunctionAccess. A list of rows is a range argument.
        An error result raises com.sun.star.lang.IllegalArgumentException (FunctionAccess does
        not tell which error): use cells to test error codes."""
        if self._function_access is None:
            self._function_access = self.create("com.sun.star.sheet.FunctionAccess")
        return uno.invoke(self._function_access, "callFunction",
                          (name, tuple(_function_argument(a) for a in args)))


def _measure_start_up() -> None:
    """python3 tests/calc/kpoffice.py [--oxt X] [--mode bundled] [--repeat 5]: start-up times."""
    import argparse
    import statistics

    parser = argparse.ArgumentParser(description=_measure_start_up.__doc__)
    parser.add_argument("--oxt", help="extension to install (none by default)")
    parser.add_argument("--mode", default="unopkg", choices=["unopkg", "bundled"])
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = []
    for _ in range(args.repeat):
        t0 = time.monotonic()
        with Office(args.oxt, ui_locale=args.locale, mode=args.mode) as office:
            doc = office.new_calc()
            office.set_formula(office.sheet(doc), "A1", "=SUM(1;2)")
            assert office.values(office.sheet(doc), "A1") == [[3.0]]
            first_formula = time.monotonic() - t0
            timings = dict(office.timings, first_formula=first_formula)
        timings["with_shutdown"] = time.monotonic() - t0
        rows.append(timings)
    for key in rows[0]:
        values = [row[key] for row in rows]
        print(f"{key:20s} median {statistics.median(values):6.3f} s  "
              f"(min {min(values):.3f}, max {max(values):.3f}, n={len(values)})")


if __name__ == "__main__":
    _measure_start_up()

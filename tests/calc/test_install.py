"""The extension installs with unopkg into a user profile, shows its functions, and uninstalls
cleanly: after `unopkg remove` and a restart the functions are gone (#NAME?) and the profile keeps
no copy of the library (the office deletes it at that restart)."""

import os
import subprocess

from kpoffice import UNOPKG, UNPRIVILEGED, Office

IDENTIFIER = "org.kuntaplan.extension"


def unopkg(office_profile, home, *args):
    user, group = UNPRIVILEGED
    command = [str(UNOPKG), *args, "-env:UserInstallation=" + office_profile.as_uri()]
    if os.geteuid() == 0:
        command = ["setpriv", f"--reuid={user}", f"--regid={group}", "--clear-groups",
                   "env", f"HOME={home}"] + command
    return subprocess.run(command, capture_output=True, text=True, timeout=180,
                          cwd=office_profile.parent)


def installed_libraries(profile):
    return [p for p in profile.rglob("kuntaplan.so")]


def test_install_then_uninstall(oxt):
    first = Office(oxt, keep_workdir=True)
    try:
        with first:
            doc = first.new_calc()
            sheet = first.sheet(doc)
            first.set_formula(sheet, "A1", "=POP.TFR({0.5;0.75})")
            assert first.values(sheet, "A1") == [[1.25]]
            first.close(doc)
        profile, home = first.profile, first.home
        listed = unopkg(profile, home, "list")
        assert listed.returncode == 0 and IDENTIFIER in listed.stdout
        assert installed_libraries(profile), "the installed extension holds the library"

        removed = unopkg(profile, home, "remove", IDENTIFIER)
        assert removed.returncode == 0, removed.stdout + removed.stderr
        listed = unopkg(profile, home, "list")
        assert IDENTIFIER not in listed.stdout

        with Office(None, profile=profile, keep_workdir=True) as again:
            doc = again.new_calc()
            sheet = again.sheet(doc)
            again.set_formula(sheet, "A1", "=POP.TFR({0.5;0.75})")
            assert again.values(sheet, "A1") == [["#NAME?"]]
            again.close(doc)
        # LibreOffice deletes a removed extension's folder at the next start.
        assert installed_libraries(profile) == []
    finally:
        first.keep_workdir = False
        first.stop()

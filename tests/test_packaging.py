"""The bot installs as a real package: the wheel carries the templates and schedules and
starts from any folder, without the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

MAPPED = {"bot.templates": "templates", "bot.schedules": "schedules"}


def test_the_package_list_names_every_package_of_bot_and_the_two_shipped_folders() -> None:
    # The list in pyproject.toml is explicit (so the two folders can be mapped in); a new
    # wing that is not listed would be missing from the wheel.
    listed = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "bot").rglob("__init__.py")
    }
    assert set(listed["packages"]) == found | set(MAPPED)
    assert listed["package-dir"] == MAPPED


def _build_wheel(tmp_path: Path) -> Path:
    """A wheel built from a copy of the sources, so the checkout gets no build/ folder."""
    source = tmp_path / "source"
    for folder in ("bot", "templates", "schedules"):
        shutil.copytree(
            REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheels),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("kvalitetsbot-*.whl")
    return wheel


def _fresh_venv(tmp_path: Path, wheel: Path) -> Path:
    """A new venv with only the wheel installed in it. Its dependencies come from this
    test's own environment through a .pth line (a plain path: the editable install of the
    checkout, which needs its .pth files processed, stays out of reach)."""
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site) / "dependencies.pth").write_text("\n".join(ours) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return target / "bin"


@pytest.mark.slow
def test_the_wheel_starts_from_an_empty_folder(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/templates/entry-receipt.html" in names
    assert "bot/schedules/2027.toml" in names
    assert "bot/migrations/env.py" in names
    assert not [n for n in names if n.split("/")[0] in ("templates", "schedules", "tests")]

    bin_dir = _fresh_venv(tmp_path, wheel)
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(empty), "LANG": "C.UTF-8"}
    for command in (["schedule", "show"], ["demo"]):
        done = subprocess.run(
            [bin_dir / "kvalitetsbot", "--now", "2027-03-01T10:00", *command],
            cwd=empty,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert "Traceback" not in done.stderr
    where = subprocess.run(
        [bin_dir / "python", "-c", "import bot; print(bot.__file__)"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(tmp_path / "venv") in where and str(REPO) not in where
    assert not os.path.exists(REPO / "build")

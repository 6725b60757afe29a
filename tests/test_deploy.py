"""The systemd units in deploy/: hardened as the city's servers need, and valid for systemd."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

DEPLOY = REPO / "deploy"
INSTALLED = "/opt/kvalitetsbot/bin/kvalitetsbot"


def _settings(name: str) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in (DEPLOY / name).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def test_the_service_runs_as_its_own_user_with_only_the_data_dir_writable() -> None:
    unit = _settings("kvalitetsbot.service")
    assert unit["User"] == ["kvalitetsbot"]
    assert "u kvalitetsbot" in (DEPLOY / "kvalitetsbot.sysusers.conf").read_text()
    assert unit["ProtectSystem"] == ["strict"] and unit["NoNewPrivileges"] == ["yes"]
    assert unit["ReadWritePaths"] == ["/var/lib/kvalitetsbot"]
    assert unit["Environment"] == ["KB_DATA_DIR=/var/lib/kvalitetsbot"]
    assert unit["EnvironmentFile"] == ["/etc/kvalitetsbot/bot.env"]
    assert unit["Restart"] == ["on-failure"]
    assert unit["StandardOutput"] == unit["StandardError"] == ["journal"]
    assert unit["ExecStart"] == [f"{INSTALLED} run"]
    assert _settings("kvalitetsbot-health.service")["ExecStart"] == [f"{INSTALLED} health"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_analyze_verify_finds_nothing(tmp_path: Path) -> None:
    # verify insists that ExecStart exists, so the copies point at this checkout's bot.
    bot = REPO / ".venv" / "bin" / "kvalitetsbot"
    if not bot.exists():
        bot = Path(shutil.which("kvalitetsbot") or "/bin/true")
    units = []
    for path in sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer")):
        copy = tmp_path / path.name
        copy.write_text(path.read_text().replace(INSTALLED, str(bot)))
        units.append(str(copy))
    done = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, check=False
    )
    # verify only warns (exit 0) about unknown keys and bad values, so any output fails.
    assert done.returncode == 0 and not done.stdout.strip() and not done.stderr.strip(), (
        done.stdout + done.stderr
    )

"""Settings: typed, documented, failing fast with one clear sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import SPECS, ConfigError, load_settings
from tests.conftest import REPO


def test_every_setting_is_documented_in_config_example() -> None:
    example = (REPO / "config.example.env").read_text(encoding="utf-8")
    documented = set(re.findall(r"^(KB_[A-Z_]+)=", example, flags=re.MULTILINE))
    assert documented == {spec.env for spec in SPECS}


def test_defaults_need_no_configuration(tmp_path: Path) -> None:
    settings = load_settings({"KB_DATA_DIR": str(tmp_path)}, dotenv_path=tmp_path / "none")
    assert settings.database_url == f"sqlite:///{tmp_path / 'kvalitetsbot.sqlite3'}"
    assert settings.maildir == tmp_path / "mailbox"
    assert settings.mailbox_backend == "maildir"
    assert settings.schedules_dir.is_dir()


def test_config_example_itself_loads(tmp_path: Path) -> None:
    settings = load_settings({}, dotenv_path=REPO / "config.example.env")
    assert settings.folder_quarantine == "Karantän"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        (
            "KB_POLL_SECONDS",
            "soon",
            "KB_POLL_SECONDS='soon' är inte giltigt: ange ett positivt heltal",
        ),
        ("KB_MAILBOX_BACKEND", "lotus", "ange ett av: maildir, imap, graph, ews."),
        ("KB_STAFF_ADDRESSES", "anna", "'anna' är ingen e-postadress"),
        ("KB_AWARD_YEAR", "27", "ett årtal med fyra siffror"),
        ("KB_AWARD_YEAR", "tjugo", "ett årtal med fyra siffror"),
        ("KB_IMAP_PORT", "nittiotre", "ange ett portnummer 1–65535."),
        ("KB_MAX_MAILS_PER_RECIPIENT_HOUR", "0", "positivt heltal"),
    ],
)
def test_bad_value_fails_fast_naming_the_setting(
    tmp_path: Path, name: str, value: str, words: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings({name: value}, dotenv_path=tmp_path / "none")
    assert words in str(info.value)
    assert name in str(info.value)
    assert "\n" not in str(info.value)
    assert "invalid literal" not in str(info.value) and "int()" not in str(info.value)


def test_dotenv_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("KB_POLL_SECONDS=7\nKB_REFERENCE_PREFIX=QA\n")
    settings = load_settings({"KB_POLL_SECONDS": "9"}, dotenv_path=env_file)
    assert settings.poll_seconds == 9
    assert settings.reference_prefix == "QA"


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load_settings({}, dotenv_path=tmp_path / "none")
    with pytest.raises(AttributeError):
        settings.poll_seconds = 1  # type: ignore[misc]

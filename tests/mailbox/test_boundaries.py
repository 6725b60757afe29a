"""The workflow never knows which mailbox backend runs, and secrets never show."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config.secrets import Secret
from bot.mail.mailbox import MailboxError, resolve
from bot.mail.mailbox.imap import ImapMailbox
from tests.conftest import REPO, make_settings
from tests.mailbox.conftest import Harness

BACKEND_MODULES = {
    "bot.mail.mailbox.maildir",
    "bot.mail.mailbox.imap",
    "bot.mail.mailbox.graph",
    "bot.mail.mailbox.ews",
}
BACKEND_LIBRARIES = {"exchangelib", "msal", "imaplib", "smtplib", "httpx"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _workflow_modules() -> list[Path]:
    outside = ("mail/mailbox/", "cli/", "demo/", "runner.py")
    return [
        path
        for path in sorted((REPO / "bot").rglob("*.py"))
        if not path.relative_to(REPO / "bot").as_posix().startswith(outside)
    ]


@pytest.mark.parametrize(
    "path", _workflow_modules(), ids=lambda p: p.relative_to(REPO / "bot").as_posix()
)
def test_no_workflow_module_imports_a_mailbox_backend(path: Path) -> None:
    imported = _imports(path)
    roots = {name.split(".")[0] for name in imported}
    assert not imported & BACKEND_MODULES
    assert not roots & BACKEND_LIBRARIES


def test_switching_the_backend_is_one_setting(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, KB_MAILBOX_BACKEND="imap", KB_IMAP_HOST="imap.example", KB_IMAP_USER="u"
    )
    assert settings.mailbox_backend == "imap"


def test_secrets_never_show_in_settings_repr(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, KB_GRAPH_CLIENT_SECRET="s3cr3t-value", KB_IMAP_PASSWORD="pw-value"
    )
    assert "s3cr3t-value" not in repr(settings)
    assert "pw-value" not in repr(settings)
    assert settings.graph_client_secret.reveal() == "s3cr3t-value"


def test_a_secret_file_wins_and_an_unreadable_one_is_named_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_text("from-file\n")
    assert resolve(Secret("from-env"), path, "KB_X") == "from-file"
    assert resolve(Secret("from-env"), None, "KB_X") == "from-env"
    with pytest.raises(MailboxError, match="KB_X_FILE"):
        resolve(Secret(""), tmp_path / "missing", "KB_X")


def test_a_changed_uidvalidity_rescans_the_whole_inbox(imap_harness: Harness) -> None:
    imap_harness.deliver(
        b"Subject: A\r\nMessage-ID: <a@x>\r\n\r\nA\r\n", datetime(2027, 3, 1, tzinfo=UTC)
    )
    box = imap_harness.open()
    assert isinstance(box, ImapMailbox)
    first = box.fetch_new(None)
    assert box.fetch_new(first.cursor).messages == []
    validity, last = (first.cursor or "0:0").split(":")
    stale = f"{int(validity) + 1}:{last}"  # Another UIDVALIDITY, the same last UID.
    assert [m.remote_id for m in box.fetch_new(stale).messages] == [first.messages[0].remote_id]
    box.close()

"""A real IMAP server (Dovecot) and SMTP submission server (aiosmtpd) for the tests.

Dovecot runs from a config in a temporary directory on a free loopback port, with one
user and a plain password; it is installed with apt when missing and we are root. If
that is impossible the tests that need it skip. aiosmtpd accepts authenticated
submission and records what was sent, as a relay would receive it.
"""

from __future__ import annotations

import imaplib
import logging
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.mail.mailbox.imap import mailbox_name

USER, PASSWORD = "kvalitetsbot", "test-secret-9f2"
DOVECOT = "/usr/sbin/dovecot"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_dovecot() -> bool:
    """Dovecot's IMAP server is installed, installing it with apt if we may."""
    if Path(DOVECOT).exists():
        return True
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "dovecot-imapd"],
        env=env,
        capture_output=True,
        check=False,
    )
    return Path(DOVECOT).exists()


def _mail_owner() -> pwd.struct_passwd:
    # Dovecot refuses to run mail processes as root, so as root the mail belongs to nobody.
    return pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())


CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login}
default_internal_user = {login}
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
  }}
}}
"""


@dataclass
class Dovecot:
    root: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        owner = _mail_owner()
        login = owner.pw_name if os.geteuid() != 0 else "dovenull"
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        (self.root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        config = CONFIG.format(
            root=self.root, port=self.port, uid=owner.pw_uid, gid=owner.pw_gid, login=login
        )
        (self.root / "dovecot.conf").write_text(config)
        os.chmod(self.root, 0o755)
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", f"{owner.pw_uid}:{owner.pw_gid}", self.root / "mail"])
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _wait_for_port(self.port, self.process)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    # A generous wait, not a speed check: Dovecot starts slowly on a busy machine.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                "dovecot exited: "
                + (process.stderr.read().decode()[:500] if process.stderr else "")
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("dovecot did not start listening")


class _Recorder:
    """Keeps every submitted mail, as the next relay would receive it."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.moments: list[float] = []  # time.monotonic() of each receipt, for the harness

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.original_content or b""
        self.received.append((envelope.mail_from or "", list(envelope.rcpt_tos), content))
        self.moments.append(time.monotonic())
        return "250 OK"


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: object
) -> Any:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == (USER, PASSWORD)
    return AuthResult(success=ok)


@dataclass
class SmtpServer:
    port: int
    recorder: _Recorder = field(default_factory=_Recorder)
    controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        # Plain AUTH is fine on loopback in a test; aiosmtpd warns about it regardless.
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
        logging.getLogger("mail.log").setLevel(logging.ERROR)
        self.controller = Controller(
            self.recorder,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=_authenticate,
            auth_require_tls=False,
            auth_required=True,
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()


@dataclass
class MailServers:
    dovecot: Dovecot
    smtp: SmtpServer

    def _login(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.dovecot.port)
        conn.login(USER, PASSWORD)
        return conn

    def deliver(self, raw: bytes, at: datetime) -> None:
        """Put a mail in the inbox, as received at ``at``."""
        conn = self._login()
        conn.append("INBOX", "", imaplib.Time2Internaldate(at), raw)
        conn.logout()

    def folder(self, folder: str) -> list[bytes]:
        """Every mail in a folder, read without marking it seen."""
        conn = self._login()
        conn.select(mailbox_name(folder), readonly=True)
        _typ, data = conn.uid("SEARCH", "ALL")
        out = []
        for uid in data[0].split():
            _typ, parts = conn.uid("FETCH", uid, "(BODY.PEEK[])")
            out += [p[1] for p in parts if isinstance(p, tuple)]
        conn.logout()
        return out

    def count(self, folder: str) -> int:
        """How many mails a folder holds."""
        conn = self._login()
        _typ, data = conn.select(mailbox_name(folder), readonly=True)
        conn.logout()
        return int(data[0] or 0)

    def clear(self) -> None:
        """Empty every folder, and forget what the SMTP server received."""
        conn = self._login()
        for line in conn.list()[1]:
            assert isinstance(line, bytes)
            name = line.rsplit(b' "/" ', 1)[1].decode()
            _typ, count = conn.select(name)
            if count[0] != b"0":
                conn.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
                conn.expunge()
        conn.logout()
        self.smtp.recorder.received.clear()
        self.smtp.recorder.moments.clear()

    def env(self) -> dict[str, str]:
        """Settings that point the imap backend at these servers."""
        return {
            "KB_MAILBOX_BACKEND": "imap",
            "KB_IMAP_HOST": "127.0.0.1",
            "KB_IMAP_PORT": str(self.dovecot.port),
            "KB_IMAP_SECURITY": "plain",
            "KB_IMAP_USER": USER,
            "KB_IMAP_PASSWORD": PASSWORD,
            "KB_SMTP_PORT": str(self.smtp.port),
            "KB_SMTP_SECURITY": "plain",
            "KB_MAILBOX_TIMEOUT_SECONDS": "10",
        }


def start_servers() -> Iterator[MailServers]:
    """Start Dovecot and the SMTP server for one test session; stop them afterwards."""
    root = Path(tempfile.mkdtemp(prefix="kb-dovecot-"))
    servers = MailServers(Dovecot(root, free_port()), SmtpServer(free_port()))
    servers.dovecot.start()
    servers.smtp.start()
    try:
        yield servers
    finally:
        servers.smtp.stop()
        servers.dovecot.stop()
        shutil.rmtree(root, ignore_errors=True)

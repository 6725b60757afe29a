"""A private PostgreSQL cluster that a test may stop and start at will.

The machine's shared server is used by others and must never be stopped, so a test about
the database going away gets a cluster of its own: created with initdb in a temporary
folder, trust authentication, and no TCP at all (only a unix socket in that folder), so
it cannot clash with any other server. initdb and postgres refuse to run as root, so as
root they run as the unprivileged user ``nobody``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("KB_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
UNPRIVILEGED = "nobody"
TIMEOUT = 120  # a hang guard only: initdb, start and stop take about a second


class ClusterUnavailable(Exception):
    """No private cluster can be made here (no binaries, or no unprivileged user)."""


class ClusterError(Exception):
    """initdb or pg_ctl failed; the message ends with their output."""


@dataclass
class Cluster:
    root: Path
    run_as: tuple[str, ...]  # the command prefix that drops privileges, or nothing

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@/postgres?host={self.root}"

    def _run(self, program: str, *args: str) -> None:
        command = [*self.run_as, str(PG_BIN / program), *args]
        done = subprocess.run(command, cwd=self.root, capture_output=True, timeout=TIMEOUT)
        if done.returncode != 0:
            output = (done.stdout + done.stderr).decode(errors="replace")[-2000:]
            raise ClusterError(f"{program} {args[-1]} failed: {output}")

    def init(self) -> None:
        data = str(self.root / "data")
        self._run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        # fsync off: the test stops the server, never the machine, so the OS keeps the data.
        options = f"-c listen_addresses='' -c unix_socket_directories={self.root} -c fsync=off"
        log = str(self.root / "server.log")
        data = str(self.root / "data")
        self._run("pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "120", "start")

    def stop(self) -> None:
        """Stop at once, as a crash or `kill -9` of the server would: no clean shutdown."""
        data = str(self.root / "data")
        self._run("pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "120", "stop")

    def running(self) -> bool:
        return (self.root / "data" / "postmaster.pid").exists()


def _run_as() -> tuple[str, ...]:
    if os.geteuid() != 0:
        return ()
    runuser = shutil.which("runuser")
    if runuser is None:
        raise ClusterUnavailable("running as root, and runuser is missing")
    prefix = (runuser, "-u", UNPRIVILEGED, "--")
    try:
        subprocess.run([*prefix, "true"], check=True, capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ClusterUnavailable(f"cannot drop privileges to {UNPRIVILEGED}: {exc}") from None
    return prefix


@contextmanager
def private_cluster() -> Iterator[Cluster]:
    """A started private cluster, stopped and removed afterwards."""
    if not (PG_BIN / "initdb").exists():
        raise ClusterUnavailable(f"no PostgreSQL binaries in {PG_BIN}")
    run_as = _run_as()
    # Its own folder under /tmp: pytest's tmp_path is private to root, and the socket
    # path must stay short (about 100 characters at most).
    root = Path(tempfile.mkdtemp(prefix="kb-pg-"))
    cluster = Cluster(root, run_as)
    try:
        if run_as:
            user = pwd.getpwnam(UNPRIVILEGED)
            os.chown(root, user.pw_uid, user.pw_gid)
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        if cluster.running():
            with suppress(ClusterError):  # already stopping; the folder goes anyway
                cluster.stop()
        shutil.rmtree(root, ignore_errors=True)

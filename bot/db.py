"""Engine, sessions and migrations.

No global session: callers get a ``sessionmaker`` from ``open_database`` and open one
transaction per unit of work (``with sessions.begin() as session``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
POSTGRES_INSTALL = "pip install 'kvalitetsbot[postgres]'"
# libpq's defaults wait for ever: a server behind a dropped network would hang the bot in
# a connect or in a read of a dead connection. A URL's own values win over these.
POSTGRES_CONNECT_ARGS = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


class DatabaseSetupError(Exception):
    """The database cannot be used as configured; the message is one sentence."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    if url.startswith("sqlite"):
        _ensure_sqlite_dir(url)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        # pool_pre_ping: a connection pooled before a database restart is found dead and
        # replaced before use, so the first round after the restart does not fail on it.
        return create_engine(url, pool_pre_ping=True, connect_args=_connect_args(url))
    except ImportError as exc:
        if url.startswith("postgres"):
            raise DatabaseSetupError(
                "KB_DATABASE_URL pekar på PostgreSQL, men drivrutinen psycopg är inte "
                f"installerad: installera den med {POSTGRES_INSTALL} (i projektets mapp: "
                ".venv/bin/pip install -e '.[postgres]')."
            ) from None
        raise DatabaseSetupError(
            f"KB_DATABASE_URL kräver databasdrivrutinen {exc.name}, som inte är installerad."
        ) from None


def _connect_args(url: str) -> dict[str, Any]:
    if not url.startswith("postgres"):
        return {}
    query = url.partition("?")[2]
    return {k: v for k, v in POSTGRES_CONNECT_ARGS.items() if f"{k}=" not in query}


def unreachable(exc: BaseException) -> bool:
    """Whether ``exc``, or an error that led to it, says the database cannot be used now:
    down, restarting, a connection dropped mid-transaction, or (SQLite) locked.

    Such an error is nobody's fault and passes: the transaction rolled back, and the work
    is tried again later, never quarantined.
    """
    current: BaseException | None = exc
    for _ in range(10):  # a chain of causes is short; the bound only guards a cycle
        if current is None:
            return False
        if isinstance(current, OperationalError | InterfaceError):
            return True
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        current = current.__cause__ or current.__context__
    return False


def ping(sessions: sessionmaker[Session]) -> None:
    """Raise if the database does not answer."""
    with sessions() as session:
        session.execute(text("SELECT 1"))


def _ensure_sqlite_dir(url: str) -> None:
    path = url.split(":///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 driver emits its own BEGIN only before INSERT/UPDATE/DELETE, never
    # before SAVEPOINT: a savepoint that came first opened the transaction itself and its
    # RELEASE committed on its own (a claim without its mail). SQLAlchemy's recipe for
    # pysqlite: the driver stays out of transactions, and ``_sqlite_begin`` opens one
    # real transaction for every ``begin()``, so savepoints nest inside it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock at the start: a transaction that read first and
    # writes later cannot fail with SQLITE_BUSY when another instance wrote in between.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


# Keys of PostgreSQL advisory locks, one per thing that only one instance may do at a time.
MIGRATION_LOCK = 0x6B620001
INGEST_LOCK = 0x6B620002


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (runs on every start; cheap when current)."""
    with engine.begin() as connection:
        upgrade(connection)


def upgrade(connection: Connection) -> None:
    """Migrate to the newest schema in the connection's transaction."""
    if connection.dialect.name == "postgresql":
        # Two instances starting together would both create the tables, and the second
        # would stop on a duplicate; this way it waits, then finds them there.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


@contextmanager
def lease(sessions: sessionmaker[Session], key: int) -> Iterator[bool]:
    """Whether this instance holds the lease ``key`` (held until the block ends).

    On PostgreSQL an advisory lock in a transaction of its own connection: another
    instance asking meanwhile gets False at once, and an instance that dies (even by
    SIGKILL) gives the lease up with its connection. SQLite lets one writer in at a time
    anyway, so there the lease is always granted."""
    engine = sessions.kw["bind"]
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as connection, connection.begin():
        query = text("SELECT pg_try_advisory_xact_lock(:key)")
        yield bool(connection.scalar(query, {"key": key}))


def open_database(url: str) -> sessionmaker[Session]:
    """Migrate the database at ``url`` and return a session factory for it."""
    engine = make_engine(url)
    migrate(engine)
    return sessionmaker(engine, expire_on_commit=False)

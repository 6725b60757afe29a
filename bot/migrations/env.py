"""Alembic environment: runs on the connection that ``bot.db.migrate`` hands over."""

from typing import Any, Literal

from alembic import context
from sqlalchemy import create_engine

from bot.models import AwareDateTime, Base
from bot.teams.visits import store as _visit_tables  # noqa: F401  (its tables join Base)

target_metadata = Base.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        # Offline use from the alembic command line (developers only).
        url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///var/dev.sqlite3"
        with create_engine(url).begin() as conn:
            _run(conn)
        return
    _run(connection)


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    # Our AwareDateTime is a plain timezone-aware DateTime in the schema.
    if type_ == "type" and isinstance(obj, AwareDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()

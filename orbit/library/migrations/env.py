"""Alembic environment of the design library.

Migrations run programmatically (:func:`orbit.library.engine.ensure_schema`)
on a connection that is already inside a locked transaction, passed in as
``config.attributes["connection"]``. To write a new migration, change
``orbit/library/schema.py``, then let Alembic draft it against a database at
the current head and edit the draft::

    python -c "from orbit.library.engine import new_revision; new_revision('what changes')"
"""

from __future__ import annotations

from alembic import context

from orbit.library.schema import metadata

config = context.config

if context.is_offline_mode():  # `alembic upgrade --sql`: the SQL for a DBA to review
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()

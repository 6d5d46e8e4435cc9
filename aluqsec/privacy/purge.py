"""Delete rows and everything that depends on them, following the foreign keys of the metadata.

Walking the metadata rather than naming tables means a table added later is
purged too: a foreign key with ``ON DELETE SET NULL`` is nulled, any other
foreign key has its rows deleted first (recursively). It does not rely on the
database enforcing ``ON DELETE`` (SQLite only does with ``PRAGMA foreign_keys``).
"""
from sqlalchemy import delete, select, update

from ..extensions import db


def delete_rows(table, condition, depth=0):
    """Delete the rows of *table* matching *condition* and the rows that depend on them.

    :param table: a ``Table`` of ``db.metadata``.
    :param condition: a SQL expression on *table*'s columns.
    :return: ``{table name: rows deleted}`` (nulled references are not counted).
    """
    if depth > 10:  # a cycle of mandatory foreign keys would be a modelling error
        raise RuntimeError(f"foreign keys too deep from {table.name}")
    removed = {}
    for child in db.metadata.sorted_tables:
        for key in child.foreign_keys:
            if key.column.table is not table:
                continue
            targets = select(key.column).where(condition)
            if key.ondelete and key.ondelete.upper() == "SET NULL":
                db.session.execute(update(child).where(key.parent.in_(targets)).values({key.parent.name: None}))
            else:
                for name, count in delete_rows(child, key.parent.in_(targets), depth + 1).items():
                    removed[name] = removed.get(name, 0) + count
    count = db.session.execute(delete(table).where(condition)).rowcount
    removed[table.name] = removed.get(table.name, 0) + count
    return {name: count for name, count in removed.items() if count}

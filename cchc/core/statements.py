"""The statements a deadline's rush runs thousands of times, built once per model.

Django builds the SQL of every query, ``update()`` and ``save()`` afresh. For handing in a contest
paper — one read of the paper, one update of it and one audit record, thousands a minute before a
round closes — building them was half the cost of the request (``make bench BENCH=contest_burst``: about 390 papers/s
through the ORM against 780 with the statements written out). These helpers write the same SQL
Django would, once per model, database and set of columns, from the model's own fields, and pass
each value through the field's ``get_db_prep_save``, so that what is stored is exactly what the ORM
would store, and a row read is built as the ORM builds it. They skip no rule: callers run inside
their action's transaction and check first.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import connections, router
from django.db.models import Model
from django.db.models.signals import post_save, pre_save

_sql: dict[tuple, tuple[str, list]] = {}  # (kind, database, model, columns…) → (SQL, fields)


def _quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def _where_params(meta, where: Mapping[str, object], connection) -> list:
    """The values of an equality condition, prepared as a filter prepares them."""
    params = []
    for name, value in where.items():
        if value is None:
            raise ValueError(f"{name} is None: a condition on NULL is not an equality")
        params.append(meta.get_field(name).get_db_prep_value(value, connection, prepared=False))
    return params


def insert_row(instance: Model, *, using: str | None = None) -> None:
    """Insert ``instance`` as a new row and set its primary key, sending ``pre_save`` and
    ``post_save`` as ``save()`` does (the page cache listens to audit records)."""
    model = type(instance)
    using = using or router.db_for_write(model, instance=instance)
    connection = connections[using]
    meta = model._meta
    key = ("insert", connection.alias, model)
    if key not in _sql:
        fields = [f for f in meta.concrete_fields if not f.generated and f is not meta.auto_field]
        table = _quote(connection, meta.db_table)
        columns = ", ".join(_quote(connection, f.column) for f in fields)
        # Names are the model's own, quoted; every value is a parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
        if meta.auto_field is not None and connection.features.can_return_columns_from_insert:
            sql += f" RETURNING {_quote(connection, meta.auto_field.column)}"
        _sql[key] = (sql, fields)
    sql, fields = _sql[key]
    pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    params = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if meta.auto_field is not None:
            if connection.features.can_return_columns_from_insert:
                value = cursor.fetchone()[0]
            else:
                value = connection.ops.last_insert_id(cursor, meta.db_table, meta.auto_field.column)
            setattr(instance, meta.auto_field.attname, value)
    instance._state.adding = False
    instance._state.db = using
    post_save.send(sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using)


def update_row(model: type[Model], *, where: Mapping[str, object], values: Mapping[str, object]) -> int:
    """``UPDATE`` the rows of ``model`` whose fields equal ``where`` (by field name, ``None`` not
    allowed) with ``values``; the number of rows changed. Sends no signal, like ``QuerySet.update``."""
    using = router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    key = ("update", connection.alias, model, tuple(values), tuple(where))
    if key not in _sql:
        set_fields = [meta.get_field(name) for name in values]
        where_fields = [meta.get_field(name) for name in where]
        assignments = ", ".join(f"{_quote(connection, f.column)} = %s" for f in set_fields)
        conditions = " AND ".join(f"{_quote(connection, f.column)} = %s" for f in where_fields)
        table = _quote(connection, meta.db_table)
        _sql[key] = (f"UPDATE {table} SET {assignments} WHERE {conditions}", set_fields)  # noqa: S608 (as above)
    sql, _ = _sql[key]
    params = [meta.get_field(name).get_db_prep_save(value, connection) for name, value in values.items()]
    params += _where_params(meta, where, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def select_row(model: type[Model], *, where: Mapping[str, object]) -> Model | None:
    """The row of ``model`` whose fields equal ``where`` (a unique key: the first row otherwise), every
    concrete field loaded and converted as the ORM converts it, or None. No default manager, so no
    scope: ``where`` names the commune itself."""
    using = router.db_for_read(model)
    connection = connections[using]
    meta = model._meta
    key = ("select", connection.alias, model, tuple(where))
    if key not in _sql:
        fields = list(meta.concrete_fields)
        table = _quote(connection, meta.db_table)
        columns = ", ".join(f"{table}.{_quote(connection, f.column)}" for f in fields)
        conditions = " AND ".join(f"{_quote(connection, meta.get_field(name).column)} = %s" for name in where)
        sql = f"SELECT {columns} FROM {table} WHERE {conditions} LIMIT 1"  # noqa: S608 (as above)
        converters = [
            [*connection.ops.get_db_converters(f.get_col(meta.db_table)), *f.get_db_converters(connection)]
            for f in fields
        ]
        _sql[key] = (sql, (fields, converters))
    sql, (fields, converters) = _sql[key]
    params = _where_params(meta, where, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for field, value, field_converters in zip(fields, row, converters, strict=True):
        expression = field.get_col(meta.db_table)
        for convert in field_converters:
            value = convert(value, expression, connection)
        values.append(value)
    return model.from_db(using, [f.attname for f in fields], values)

"""Querysets whose SQL is built once per process, then run with the values of each call.

The ORM turns a queryset into SQL again at every evaluation. For the few lookups that a
request makes every time — the session's account with its habilitation, the row a send
locks — building the statement cost more CPU than PostgreSQL's answer (1.5 to 3 ms against
0.2). A `CompiledQuery` builds its queryset once with placeholder values, keeps the SQL,
and at each call puts the real values where the placeholders went; the rows come back as
model instances with their `select_related` parents, built by Django's own populators. The
queryset stays the single description of the query: nothing is written twice by hand.
"""

from collections.abc import Callable
from datetime import date
from weakref import WeakKeyDictionary

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.db.transaction import TransactionManagementError

# Two distinct placeholder sets: a parameter that changes between them belongs to the
# argument that changed. Values of the types the lookups take (ids, numbers, days).
_PLACEHOLDERS = {
    int: (-7_301_957, -7_301_958),
    str: ("\x01placeholder-a", "\x01placeholder-b"),
    date: (date(1901, 2, 3), date(1902, 3, 4)),
}


class NotCompilable(Exception):
    """The queryset cannot be run with other values by substitution (a programming error,
    raised when the plan is made, whatever Python's -O says)."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise NotCompilable(message)


class CompiledQuery:
    """`build(*args)` returns the queryset; `CompiledQuery(build, int, str).all(7, "DAP…")`
    runs its SQL with 7 and "DAP…" in place of the placeholders. A queryset of model
    instances gives instances; a `values_list()` one gives tuples. The arguments go where
    the ORM puts them unchanged (exact lookups, `in`, comparisons): a lookup that rewrites
    its value (`contains`, `__year`) is refused when the plan is made."""

    def __init__(self, build: Callable[..., QuerySet], *types: type):
        self.build = build
        self.types = types
        self._plans = WeakKeyDictionary()  # one per connection (thread), as converters are

    def all(self, *values, using: str = "default") -> list:
        connection = connections[using]
        plan = self._plans.get(connection)
        if plan is None:
            plan = self._plans[connection] = _Plan(self.build, self.types, using)
        return plan.run(connection, values)

    def first(self, *values, using: str = "default"):
        rows = self.all(*values, using=using)
        return rows[0] if rows else None


class _Plan:
    def __init__(self, build, types, using):
        first = [_PLACEHOLDERS[kind][0] for kind in types]
        queryset = build(*first).using(using)
        _require(not queryset._prefetch_related_lookups, "prefetch_related is not compiled")
        compiler = queryset.query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        self.slots = _slots(build, types, first, params, using)
        self.params = list(params)
        self.compiler = compiler
        self.db = using
        self.locks = queryset.query.select_for_update
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        _require(not compiler.has_composite_fields(fields), "composite keys are not compiled")
        self.converters = compiler.get_converters(fields)  # bound to this connection's ops
        klass_info, select = compiler.klass_info, compiler.select
        self.model = None
        if queryset._iterable_class is not ModelIterable:  # values_list(): rows are the answer
            _require(queryset._iterable_class is ValuesListIterable, "values_list() only")
            return
        self.model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model_slice = slice(start, end)
        self.init_list = [column[0].target.attname for column in select[start:end]]
        self.populators = get_related_populators(klass_info, select, using)
        self.annotations = dict(compiler.annotation_col_map or {})

    def run(self, connection, values) -> list:
        if self.locks and connection.get_autocommit():  # as the ORM checks at each compile
            raise TransactionManagementError("select_for_update outside of a transaction")
        params = list(self.params)
        for position, (index, adapt) in self.slots.items():
            params[position] = adapt(values[index])
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        if self.converters:
            fetched = self.compiler.apply_converters(fetched, self.converters)
        if self.model is None:
            return [tuple(row) for row in fetched]
        objects = []
        for row in fetched:
            obj = self.model.from_db(self.db, self.init_list, row[self.model_slice])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


def _slots(build, types, first, params, using) -> dict[int, tuple[int, Callable]]:
    """Which parameter positions take which argument, and in what form (a backend may pass
    a day as text): found by changing one argument at a time and seeing what moves."""
    slots = {}
    for index, kind in enumerate(types):
        other = list(first)
        other[index] = _PLACEHOLDERS[kind][1]
        _, moved = build(*other).using(using).query.get_compiler(using=using).as_sql()
        _require(len(moved) == len(params), "the query's shape depends on a value")
        for position, (before, after) in enumerate(zip(params, moved, strict=True)):
            if before == after:
                continue
            if before == first[index]:
                slots[position] = (index, _same)
            elif before == str(first[index]):
                slots[position] = (index, str)
            else:
                raise NotCompilable(f"placeholder {index} was transformed: {before!r}")
        _require(any(i == index for i, _ in slots.values()), f"argument {index} is not used")
    return slots


def _same(value):
    return value

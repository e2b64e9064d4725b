"""``NamedTuple`` without importing ``typing`` at run time.

Importing ``typing`` takes about 3 ms, several percent of a hook's start-up, and ml-lint
needs it only for the type checker. To mypy, ``NamedTuple`` here is ``typing.NamedTuple``;
at run time it turns a class statement into the same ``collections.namedtuple`` class, with
its defaults, methods and docstring. Annotations are not evaluated, so modules that define
records may use ``from __future__ import annotations``.
"""

from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    _NOT_COPIED = frozenset({"__module__", "__annotations__"})

    class _RecordType(type):
        def __new__(cls, name, bases, namespace):
            if not bases:  # the NamedTuple base itself
                return super().__new__(cls, name, bases, namespace)
            fields = list(namespace.get("__annotations__", {}))
            defaults = [namespace[field] for field in fields if field in namespace]
            if fields[len(fields) - len(defaults) :] != [f for f in fields if f in namespace]:
                raise TypeError(f"{name}: a field without a default follows one with a default")
            record = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            for key, value in namespace.items():
                if key not in _NOT_COPIED and key not in fields:
                    setattr(record, key, value)
            return record

    class NamedTuple(metaclass=_RecordType):
        """Base of a record: ``class Point(NamedTuple): x: int``."""

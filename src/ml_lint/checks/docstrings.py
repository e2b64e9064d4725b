"""Docstrings, their style and type hints, checked on the shared syntax tree.

Here are ML201 and ML203-ML215 (docstrings) and ML202 (type hints); the style rules
(ML220-ML242) are in ``docstring_style``.

``fix`` (in ``docstring_fixes``) repairs what ML203-ML206, ML208 and ML210 flag.
"""

from __future__ import annotations

import ast
import builtins
import functools
import re
import sys
from collections.abc import Iterator

from ml_lint import docstring
from ml_lint.config import Config, DocstringOptions
from ml_lint.model import Finding, Rule, finding
from ml_lint.records import NamedTuple
from ml_lint.rules import docstrings as rules
from ml_lint.source import SourceFile, project_relpath

TEST_FILE = re.compile(r"(^|/)(tests?/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)")
EXEMPT_DECORATORS = ("overload", "override", "setter", "deleter")
MODULE_BASES = ("Module", "nn.Module", "torch.nn.Module")
Function = ast.FunctionDef | ast.AsyncFunctionDef


class Scope(NamedTuple):
    """Where a definition is: public or not, and the class it belongs to.

    Attributes:
        public: Whether the definition is public.
        owner: The class whose body holds the definition; None at module level.
    """

    public: bool
    owner: ast.ClassDef | None = None


def check(source: SourceFile, config: Config) -> list[Finding]:
    """Flag public definitions without docstrings and functions without type hints.

    Args:
        source: The Python file or notebook code cell.
        config: The configuration: the selection and ``[tool.ml-lint.docstrings]``.

    Returns:
        The file's ML2 findings, style rules included; none in an exempt test file.
    """
    options = config.docstrings
    where = project_relpath(source, config.base)  # not where the run started
    if options.exempt_tests and TEST_FILE.search(where):
        return []
    tree = source.tree
    private = private_module(where)
    in_notebook = source.relpath.endswith(".ipynb")  # a code cell: no module docstring
    walk = _Walk(source, options)
    if tree.body and not in_notebook and not private and not _has_docstring(tree):
        message = 'public module has no docstring; start the file with a """summary."""'
        walk.found.append(finding(rules.DOCSTRING_MISSING, source.relpath, message))
    walk.visit(tree.body, not private, None, _exported(tree))
    found = walk.found
    if rules.PLACEHOLDER.code in config.enabled and PLACEHOLDER in source.text:
        found += _check_placeholders(tree, source)
    if STYLE_CODES & config.enabled:
        from ml_lint.checks import docstring_style

        limit = config.style.max_line_length
        found += docstring_style.check(source, module=not in_notebook, line_limit=limit)
    return found


def fix(source: SourceFile, config: Config, findings: list[Finding]) -> str | None:
    """The file's text with the docstrings ``findings`` flag repaired, or None.

    Args:
        source: The Python file.
        config: The configuration.
        findings: The file's findings; only fixable docstring findings are acted on.

    Returns:
        The new text, or None when nothing was repaired.
    """
    from ml_lint.checks import docstring_fixes

    return docstring_fixes.fix(source, config, findings)


def functions(
    body: list[ast.stmt], owner: ast.ClassDef | None = None
) -> Iterator[tuple[Function, Scope]]:
    """The functions and methods ``check`` looks at, with their class (public is unset).

    Args:
        body: The statements of a module or class.
        owner: The class ``body`` belongs to; None for a module.

    Yields:
        Each function with a scope whose ``public`` is False and whose ``owner`` is its
        class, including methods of nested classes and definitions under ``if`` and the like.
    """
    for node in body:
        if isinstance(node, ast.ClassDef):
            yield from functions(node.body, node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node, Scope(False, owner)
        else:
            for block in blocks(node):
                yield from functions(block, owner)


def blocks(node: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists inside a statement that is not a definition.

    They are the branches of ``if``, ``try``, ``with``, ``for``, ``while`` and ``match``,
    whose definitions belong to the enclosing module or class.

    Args:
        node: The statement.

    Returns:
        The non-empty bodies, ``else`` and ``finally`` blocks, handlers and cases.
    """
    found = [getattr(node, field, None) for field in ("body", "orelse", "finalbody")]
    found += [handler.body for handler in getattr(node, "handlers", ())]
    found += [case.body for case in getattr(node, "cases", ())]
    return [block for block in found if isinstance(block, list) and block]


PLACEHOLDER = "TODO: describe"
STYLE_CODES = frozenset(rule.code for rule in rules.STYLE)
DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _check_placeholders(tree: ast.Module, source: SourceFile) -> Iterator[Finding]:
    """Every ``PLACEHOLDER`` left in a docstring, where it is written."""
    for node in ast.walk(tree):
        if not isinstance(node, DOCUMENTED) or not node.body:
            continue
        first = node.body[0]
        if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)):
            continue
        if not isinstance(first.value.value, str) or PLACEHOLDER not in first.value.value:
            continue
        end = first.end_lineno or first.lineno
        for number in range(first.lineno, end + 1):
            line = source.lines[number - 1]
            # Quoted as inline code (``TODO: describe x.``), it is text about the placeholder.
            for match in re.finditer(rf"(?<!`){PLACEHOLDER}[^\"'.`]*\.?", line):
                message = f"replace the placeholder {match[0]!r} with a real description"
                yield finding(rules.PLACEHOLDER, source.relpath, message, number, match.start() + 1)


def private_module(where: str) -> bool:
    """Whether a module is private, so that nothing it defines is public.

    A part of its path from its project's root starts with an underscore (``_impl.py``,
    ``_private/api.py``); ``__init__`` and ``__main__`` do not count.

    Args:
        where: The path from the project's root, as ``source.project_relpath`` gives it.

    Returns:
        Whether the module is private.
    """
    parts = where.removesuffix(".py").split("/")
    return any(part.startswith("_") and part not in ("__init__", "__main__") for part in parts)


def _exported(tree: ast.Module) -> set[str] | None:
    """The names of a module's ``__all__``, or None when it has none or one not literal.

    ``__all__ = [...]`` (annotated or not) sets it; ``__all__ += [...]`` and
    ``__all__.extend([...])`` or ``.append("name")`` add to it, in the module's order.
    """
    names: set[str] | None = None
    for node in tree.body:
        value: ast.expr | None = None
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if node.value is not None and any(map(_is_all, targets)):  # not `__all__: T` alone
                names, value = set(), node.value
        elif isinstance(node, ast.AugAssign) and _is_all(node.target):
            value = node.value
        elif (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and _is_all(node.value.func.value)
            and node.value.func.attr in ("extend", "append")
            and len(node.value.args) == 1
        ):
            argument = node.value.args[0]
            value = ast.List([argument]) if node.value.func.attr == "append" else argument
        if value is None or names is None:
            continue
        try:
            added = ast.literal_eval(value)
        except ValueError:  # built at runtime: not known here
            return None
        names |= {name for name in added if isinstance(name, str)}
    return names


def _is_all(target: ast.expr) -> bool:
    return isinstance(target, ast.Name) and target.id == "__all__"


# The statements whose blocks may hold definitions that belong to the enclosing scope.
COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match)
if sys.version_info >= (3, 11):
    COMPOUND += (ast.TryStar,)


class _Walk:
    """One file's walk over its definitions, collecting ML201-ML214 findings in ``found``.

    Most definitions need only a few attribute reads, so the walk appends findings to one
    list rather than passing them up through a generator per definition.
    """

    def __init__(self, source: SourceFile, options: DocstringOptions) -> None:
        self.source = source
        self.options = options
        self.found: list[Finding] = []

    def at(self, rule: Rule, node: ast.stmt | ast.arg, message: str) -> None:
        """Add a finding at ``node``."""
        self.found.append(_at(rule, self.source, node, message))

    def visit(
        self,
        body: list[ast.stmt],
        public: bool,
        owner: ast.ClassDef | None,
        exported: set[str] | None,
    ) -> None:
        """Check the definitions in ``body``, in a scope that is ``public`` or not."""
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.function(node, public and _public_name(node.name, owner, exported), owner)
            elif isinstance(node, ast.ClassDef):
                self.klass(node, public and _public_name(node.name, owner, exported))
            elif isinstance(node, COMPOUND):  # e.g. `if TYPE_CHECKING:` at module level
                # What a script defines under `if __name__ == "__main__":` is no importable API.
                inner = public and not _is_main_guard(node)
                for block in blocks(node):
                    self.visit(block, inner, owner, exported)

    def klass(self, node: ast.ClassDef, public: bool) -> None:
        """Check a class, then its body."""
        text = _docstring(node) if public else None
        if public and text is None and not _docstring_decorated(_decorator_names(node)):
            self.at(rules.DOCSTRING_MISSING, node, f"public class {node.name!r} has no docstring")
        elif public and text is not None and not _numpy_style(text):
            source = self.source
            if self.options.check_attributes:
                self.found += _check_attributes(node, text, source)
            # Only examples and an Args section (any title docstring.SECTIONS maps to
            # Args, in any case) are read in a class docstring.
            lowered = text.lower()
            if ">>>" in text or "arg" in lowered or "param" in lowered:
                parsed = docstring.parse(text)
                self.found += _check_examples(node, parsed, source, node.name)
                self.found += _check_class_init(node, parsed, source)
        self.visit(node.body, public, node, None)

    def function(self, node: Function, public: bool, owner: ast.ClassDef | None) -> None:
        """Check a function's docstring (if public) and type hints."""
        options = self.options
        if not public and not options.type_hints_private:
            return
        qualname = f"{owner.name}.{node.name}" if owner else node.name
        decorators = _decorator_names(node)
        documented = _has_docstring(node)
        if public and not documented and not _docstring_exempt(node, owner, decorators, options):
            kind = "method" if owner else "function"
            message = (
                f"public {kind} {qualname!r} has no docstring; add a Google-style docstring "
                "(a summary line, then Args, Returns and Raises as they apply)"
            )
            self.at(rules.DOCSTRING_MISSING, node, message)
        parameters = _signature(node, owner is not None, decorators)
        for arg in parameters:
            if arg.annotation is None:
                message = f"parameter {arg.arg!r} of {qualname!r} has no type hint"
                self.at(rules.TYPE_HINTS_MISSING, arg, message)
        if node.returns is None and node.name != "__init__":
            message = f"{qualname!r} has no return type hint; add `-> None` if it returns nothing"
            self.at(rules.TYPE_HINTS_MISSING, node, message)
        # An overload, or a property's setter or deleter, is documented by its getter's docstring.
        if public and documented and not {"overload", "setter", "deleter"} & set(decorators):
            self.contents(node, owner, qualname)

    def contents(self, node: Function, owner: ast.ClassDef | None, qualname: str) -> None:
        """Check a public function's docstring against its signature and body."""
        source = self.source
        text = _docstring(node)
        assert text is not None
        found = list(_check_contents(node, text, source, Scope(True, owner), qualname))
        if any(result.code in FIXABLE for result in found):
            from ml_lint.checks import docstring_fixes

            reason = docstring_fixes.unfixable(source, node)
            if reason is not None:
                note = f" (--fix cannot edit this docstring: {reason})"
                found = [
                    result._replace(message=result.message + note)
                    if result.code in FIXABLE
                    else result
                    for result in found
                ]
        self.found += found


def _column(source: SourceFile, lines: list[str], line: int, offset: int) -> int:
    """``source.column``, without its work on the ASCII lines most code is written in."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return min(offset, len(text)) + 1 if text.isascii() else source.column(line, offset)


def _is_main_guard(node: ast.stmt) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    sides = [node.test.left, *node.test.comparators]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    texts = [s.value for s in sides if isinstance(s, ast.Constant)]
    return names == ["__name__"] and texts == ["__main__"]


def _public_name(name: str, owner: ast.ClassDef | None, exported: set[str] | None) -> bool:
    if owner is None and exported is not None:
        return name in exported
    return not name.startswith("_") or _is_dunder(name)


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4


FIXABLE = frozenset(rule.code for rule in rules.RULES if rule.fixable) | rules.UNSAFE_FIXES
CLASS_DOCSTRING_NOTE = " (--fix leaves class docstrings alone: edit it by hand)"


def _has_docstring(node: Function | ast.ClassDef | ast.Module) -> bool:
    return bool(node.body) and _is_string(node.body[0])


def _is_string(statement: ast.stmt) -> bool:
    """Whether a statement is a string alone, as a docstring is."""
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _docstring(node: Function | ast.ClassDef) -> str | None:
    """The docstring, cleaned as ``ast.get_docstring`` does on Python 3.11; None if none."""
    if not _has_docstring(node):
        return None
    return docstring.cleandoc(node.body[0].value.value)  # type: ignore[attr-defined]


def _numpy_style(text: str) -> bool:
    """Whether a docstring has NumPy-style sections, which only ML242 reports."""
    return bool(docstring.numpy_titles(text))


def _decorator_names(node: Function | ast.ClassDef) -> list[str]:
    names = []
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute):
            names.append(target.attr)
        elif isinstance(target, ast.Name):
            names.append(target.id)
    # Overloads by another name: torch.jit's `_overload` and `_overload_method`.
    return ["overload" if name.lstrip("_").startswith("overload") else name for name in names]


def _docstring_exempt(
    node: Function, owner: ast.ClassDef | None, decorators: list[str], options: DocstringOptions
) -> bool:
    if any(name in EXEMPT_DECORATORS for name in decorators):
        return True
    if _docstring_decorated(decorators):
        return True
    class_documented = owner is not None and (
        _has_docstring(owner) or _docstring_decorated(_decorator_names(owner))
    )
    if node.name == "__init__":
        return options.init_documented_on_class and class_documented
    if _is_dunder(node.name):
        return options.exempt_magic_methods
    if node.name == "forward" and owner is not None and options.forward_documented_on_class:
        return class_documented and any(_dotted(base) in MODULE_BASES for base in owner.bases)
    return False


def _docstring_decorated(decorators: list[str]) -> bool:
    """Whether a decorator writes the docstring at runtime, as ``@auto_docstring`` does."""
    return any("docstring" in name.lower() for name in decorators)


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a name or a chain of attributes; None for any other expression."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _parameters(node: Function, scope: Scope) -> list[ast.arg]:
    """The parameters a docstring documents: all but ``self``/``cls`` of a method."""
    return _signature(node, scope.owner is not None, _decorator_names(node))


def _signature(node: Function, method: bool, decorators: list[str]) -> list[ast.arg]:
    """``_parameters``, given whether ``node`` is a method and its decorators' names.

    A function outside a class whose first parameter is ``self`` is a method too: one that
    is bound to a class elsewhere (``Trainer.log_metrics = log_metrics``). Not ``cls``: a
    class decorator's ``def register(cls)`` takes the class as its argument.
    """
    arguments = node.args
    positional = arguments.posonlyargs + arguments.args
    bound = method or (positional and positional[0].arg == "self")
    if bound and positional and "staticmethod" not in decorators:
        positional = positional[1:]
    # In the signature's order: `*args` comes before the keyword-only parameters.
    if arguments.vararg is not None:
        positional.append(arguments.vararg)
    positional += arguments.kwonlyargs
    if arguments.kwarg is not None:
        positional.append(arguments.kwarg)
    return positional


def _at(rule: Rule, source: SourceFile, node: ast.stmt | ast.arg, message: str) -> Finding:
    column = _column(source, source.lines, node.lineno, node.col_offset)
    return finding(rule, source.relpath, message, node.lineno, column)


class Body(NamedTuple):
    """What a function's own body does (nested functions and classes excluded).

    Attributes:
        returns_value: A ``return`` with a value other than None.
        yields: A ``yield`` or ``yield from``.
        abstract: ``@abstractmethod``, or a body of ``pass``/``...``/NotImplementedError.
        raises: Exception names raised by the body itself, re-raises included.
        raised_anywhere: The same, counting nested functions too.
        raises_unnamed: A ``raise`` of something whose class has no name here, such as
            ``raise error`` of a variable, anywhere in the body.
    """

    returns_value: bool
    yields: bool
    abstract: bool
    raises: set[str]
    raised_anywhere: set[str]
    raises_unnamed: bool


NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
# The statement lists each compound statement holds (``except`` and ``case`` bodies apart).
BLOCK_FIELDS: dict[type[ast.stmt], tuple[str, ...]] = {
    ast.FunctionDef: ("body",),
    ast.AsyncFunctionDef: ("body",),
    ast.ClassDef: ("body",),
    ast.If: ("body", "orelse"),
    ast.For: ("body", "orelse"),
    ast.AsyncFor: ("body", "orelse"),
    ast.While: ("body", "orelse"),
    ast.With: ("body",),
    ast.AsyncWith: ("body",),
    ast.Try: ("body", "orelse", "finalbody"),
    ast.Match: (),
}
HANDLERS: set[type[ast.stmt]] = {ast.Try}
if sys.version_info >= (3, 11):
    BLOCK_FIELDS[ast.TryStar] = ("body", "orelse", "finalbody")
    HANDLERS.add(ast.TryStar)


def _body(node: Function, source: SourceFile) -> Body:
    returns_value = False
    raises: set[str] = set()
    anywhere: set[str] = set()
    # Return and raise are statements: walking statements alone is much cheaper than
    # walking every expression, which only a `yield` (rare) needs. A statement in a nested
    # function or class is not the function's own; each block comes with what the enclosing
    # `except` caught.
    unnamed = False
    # Each block also comes with what the `except` clauses of the `try` statements around it
    # (in this function) catch: an exception raised there and caught never leaves the function.
    blocks: list[tuple[list[ast.stmt], bool, Caught, frozenset[str]]] = [
        (node.body, True, NOTHING_CAUGHT, frozenset())
    ]
    while blocks:
        block, own, caught, handled = blocks.pop()
        for statement in block:
            kind = type(statement)
            if kind is ast.Return:
                value = statement.value  # type: ignore[attr-defined]
                if own and value is not None:
                    returns_value |= not (isinstance(value, ast.Constant) and value.value is None)
                continue
            if kind is ast.Raise:
                names = _raised(statement, caught)  # type: ignore[arg-type]
                unnamed |= names is None
                names = names or set()
                anywhere |= names
                if own:
                    raises |= {name for name in names if not _handled(name, handled)}
                continue
            fields = BLOCK_FIELDS.get(kind)
            if fields is None:  # most statements hold no other statement
                continue
            inner = own and kind not in NESTED
            around = frozenset() if kind in NESTED else handled  # a nested def runs elsewhere
            guarded = around  # what the statement's own body is guarded by
            if kind in HANDLERS:
                handlers = statement.handlers  # type: ignore[attr-defined]
                guarded = around.union(*(_handled_names(handler) for handler in handlers))
                for handler in handlers:
                    blocks.append((handler.body, inner, _caught(handler), around))
            for field in fields:
                within = guarded if field == "body" else around
                blocks.append((getattr(statement, field), inner, caught, within))
            if kind is ast.Match:
                for case in statement.cases:  # type: ignore[attr-defined]
                    blocks.append((case.body, inner, caught, handled))
    stub = all(_is_stub(statement) for statement in node.body)  # a docstring is a stub too
    abstract = stub or "abstractmethod" in _decorator_names(node)
    return Body(returns_value, _yields(node, source), abstract, raises, anywhere, unnamed)


def _yields(node: Function, source: SourceFile, bare: bool = False) -> bool:
    """Whether the function itself yields a value (with ``bare``, yields at all).

    A bare `yield`, as in a context manager, yields nothing to document.
    """
    if not source.contains("yield"):  # most files: no function of theirs needs walking
        return False
    end = node.end_lineno or node.lineno
    if "yield" not in "\n".join(source.lines[node.lineno - 1 : end]):
        return False
    stack: list[ast.AST] = list(node.body)
    while stack:
        current = stack.pop()
        if isinstance(current, NESTED):
            continue
        if isinstance(current, ast.Yield | ast.YieldFrom) and (bare or current.value is not None):
            return True
        stack.extend(ast.iter_child_nodes(current))
    return False


# Python 3 keeps these names for OSError itself: `raise IOError` raises an OSError.
OS_ERROR_ALIASES = frozenset(
    {"EnvironmentError", "IOError", "os.error", "select.error", "socket.error"}
)


def _exception_name(written: str) -> str:
    """The class a Raises entry names, compared by its last component (``~pkg.Error``: Error).

    An alias of OSError (``os.error``, ``IOError``) names OSError.

    Args:
        written: The entry's name, such as ``pkg.Error`` (markup and ``~`` removed).

    Returns:
        The class's name.
    """
    return "OSError" if written in OS_ERROR_ALIASES else written.rsplit(".", 1)[-1]


def _os_error_aliases(node: ast.AST) -> list[str]:
    """The aliases of OSError (``IOError``, ``os.error``) that raises in ``node`` name."""
    found = set()
    for statement in ast.walk(node):
        if isinstance(statement, ast.Raise) and statement.exc is not None:
            exc = statement.exc
            name = _dotted(exc.func if isinstance(exc, ast.Call) else exc)
            if name in OS_ERROR_ALIASES:
                found.add(name)
    return sorted(found)


def documented_exceptions(raises: docstring.Section | None) -> set[str]:
    """The exception classes a Raises section (None: no section) lists, by ``_exception_name``.

    Args:
        raises: The section.

    Returns:
        The classes' names.
    """
    return {_exception_name(entry.name) for entry in raises.entries} if raises else set()


def named_exceptions(raises: docstring.Section | None) -> set[str]:
    """``documented_exceptions``, and those a line names without the colon an entry needs.

    ``UsageError if init() was not called.`` documents UsageError, in prose: ML210 does not
    ask for it again, and ``--fix`` does not add a second entry for it.

    Args:
        raises: The section.

    Returns:
        The classes' names.
    """
    if raises is None:
        return set()
    return documented_exceptions(raises) | {_exception_name(name) for name in raises.colonless}


def _name(node: ast.expr) -> str | None:
    """The class a raise or an except clause names, or None where no name is a class's.

    ``X`` for ``X``, ``X(...)``, ``module.X(...)`` and ``module.X.from_response(...)``;
    None for ``self._error(x)`` and ``error.__class__(x)``. An attribute that is not called
    is taken as it is (``socket.timeout``). An alias of OSError (``IOError``, ``os.error``)
    is OSError.
    """
    target = node.func if isinstance(node, ast.Call) else node
    if _dotted(target) in OS_ERROR_ALIASES:
        return "OSError"
    if isinstance(target, ast.Attribute) and not isinstance(node, ast.Call):
        # `except self._retryable:` catches what an attribute holds: no class's name.
        return None if (_dotted(target) or "").split(".")[0] in ("self", "cls") else target.attr
    while isinstance(target, ast.Attribute):
        if target.attr[:1].isupper():
            return target.attr
        target = target.value
    if isinstance(target, ast.Name) and target.id[:1].isupper():
        return target.id
    return None


class Caught(NamedTuple):
    """What the ``except`` clause around a block caught.

    Attributes:
        names: The exception classes it names (``Exception`` and ``BaseException`` left out).
        bound: The name it binds them to (``except OSError as error``), or None.
    """

    names: tuple[str, ...]
    bound: str | None


NOTHING_CAUGHT = Caught((), None)


def _raised(node: ast.Raise, caught: Caught) -> set[str] | None:
    """The exception classes a ``raise`` raises; None where they have no name here."""
    exc = node.exc
    # A bare re-raise, or a raise of the name the handler bound, raises what it caught.
    if exc is None or (isinstance(exc, ast.Name) and exc.id == caught.bound):
        return set(caught.names)
    name = _name(exc)
    return {name} if name else None


# A bare ``raise`` under ``except Exception:`` (clean up, then re-raise whatever it was) passes
# the exception on like a bare ``except:`` does; it raises nothing of its own to document.
CATCH_ALL = frozenset({"BaseException", "Exception"})


# What `except Exception:` does not catch.
BASE_ONLY = frozenset(
    {"BaseException", "BaseExceptionGroup", "GeneratorExit", "KeyboardInterrupt", "SystemExit"}
)


def _handled_names(handler: ast.ExceptHandler) -> frozenset[str]:
    """The exception classes an ``except`` clause catches (a bare one: ``BaseException``)."""
    if handler.type is None:
        return frozenset({"BaseException"})
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return frozenset(name for t in types if (name := _name(t)))


def _handled(name: str, handled: frozenset[str]) -> bool:
    """Whether an ``except`` catching ``handled`` catches ``name``, as far as names tell.

    A built-in exception is also caught by a built-in base class (``except OSError`` catches
    ``FileNotFoundError``); other classes are matched by name.
    """
    if not handled:
        return False
    if name in handled or "BaseException" in handled:
        return True
    if "Exception" in handled and name not in BASE_ONLY:
        return True
    raised = getattr(builtins, name, None)
    if not (isinstance(raised, type) and issubclass(raised, BaseException)):
        return False
    bases = (getattr(builtins, each, None) for each in handled)
    return any(isinstance(base, type) and issubclass(raised, base) for base in bases)


def _caught(handler: ast.ExceptHandler) -> Caught:
    if handler.type is None:
        return NOTHING_CAUGHT
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = tuple(name for t in types if (name := _name(t)) and name not in CATCH_ALL)
    return Caught(names, handler.name)


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def _is_stub(statement: ast.stmt) -> bool:
    """``pass``, ``...``, ``raise NotImplementedError`` or ``return None`` (a default)."""
    if isinstance(statement, ast.Pass) or _is_docstring(statement):
        return True
    if isinstance(statement, ast.Return) and isinstance(statement.value, ast.Constant):
        return statement.value.value is None  # `return None` spelled out; a bare one is not
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        exc = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
    return False


SEE_BASE_CLASS = re.compile(r"See (the )?base class\.?", re.IGNORECASE)


def _check_contents(
    node: Function, text: str, source: SourceFile, scope: Scope, qualname: str
) -> Iterator[Finding]:
    if SEE_BASE_CLASS.fullmatch(text.strip()):
        return  # Google style lets an override send the reader to the method it overrides
    if _numpy_style(text):
        return  # no Google section to read: ML242 asks for the docstring to be rewritten
    parsed = docstring.parse(text)
    yield from _check_args(node, parsed, source, scope, qualname)
    yield from _check_examples(node, parsed, source, qualname)
    body = _body(node, source)
    if body.abstract:
        return
    sections = parsed.sections
    returns_none = isinstance(node.returns, ast.Constant) and node.returns.value is None
    decorators = _decorator_names(node)
    # property, cached_property, and such as torch's lazy_property or abc's abstractproperty
    is_property = any(name.endswith("property") for name in decorators)
    # A context manager's value is what `with ... as` gives: Returns may document it.
    context_manager = bool({"contextmanager", "asynccontextmanager"} & set(decorators))
    # Google style lets a summary that starts with "Returns" or "Yields" stand for the section.
    says_yields = re.match(r"Yields?\b", parsed.summary) is not None
    if body.yields:
        documented = "Yields" in sections or says_yields
        if not documented and not (context_manager and "Returns" in sections):
            hint = "; a generator documents Yields, not Returns" if "Returns" in sections else ""
            message = f"generator {qualname!r} has no Yields section{hint}"
            yield _at(rules.YIELDS_MISSING, source, node, message)
    elif "Yields" in sections and not _yields(node, source, bare=True):
        # A context manager's bare `yield` may be documented as what `with` gives.
        message = f"{qualname!r} is not a generator; document its result under Returns"
        yield _at(rules.YIELDS_EXTRA, source, node, message)
    says_returns = re.match(r"Returns?\b", parsed.summary) is not None
    needs_returns = body.returns_value and not body.yields and not returns_none and not says_returns
    if needs_returns and not is_property and "Returns" not in sections:
        message = f"{qualname!r} returns a value but its docstring has no Returns section"
        yield _at(rules.RETURNS_MISSING, source, node, message)
    # Calling a context manager function returns the context manager, which Returns may
    # describe even when its bare `yield` gives `with ... as` nothing.
    returns_something = body.returns_value or body.yields or context_manager
    # A base method whose body only raises (`raise NotSupportedError()`) documents what the
    # overrides return, as its annotation says.
    contract = _annotated_value(node) and isinstance(node.body[-1], ast.Raise)
    if "Returns" in sections and not returns_something and not contract:
        message = f"{qualname!r} returns nothing; remove the Returns section"
        yield _at(rules.RETURNS_EXTRA, source, node, message)
    yield from _check_raises(sections, body, source, qualname, node)


NO_VALUE = frozenset({"None", "NoReturn", "Never"})


def _annotated_value(node: Function) -> bool:
    """Whether the return annotation names a value: not None, NoReturn or Never."""
    returns = node.returns
    if returns is None or (isinstance(returns, ast.Constant) and returns.value is None):
        return False
    name = _dotted(returns)
    return name is None or name.rsplit(".", 1)[-1] not in NO_VALUE


def _check_raises(
    sections: dict[str, docstring.Section],
    body: Body,
    source: SourceFile,
    qualname: str,
    at: ast.stmt,
) -> Iterator[Finding]:
    documented = documented_exceptions(sections.get("Raises"))
    undocumented = sorted(body.raises - named_exceptions(sections.get("Raises")))
    if undocumented:
        listed = ", ".join(undocumented)
        message = f"{qualname!r} raises {listed} but its docstring does not list it under Raises"
        aliases = _os_error_aliases(at) if "OSError" in undocumented else []
        if aliases:  # the code says `raise IOError`: say why the message names OSError
            message += f" ({', '.join(aliases)} {'is' if len(aliases) == 1 else 'are'} OSError)"
        yield _at(rules.RAISES_MISSING, source, at, message)
    # A raise of a variable may raise any of them: which, only running the code tells.
    extra = set() if body.raises_unnamed else documented - body.raised_anywhere
    for name in sorted(extra):
        message = f"Raises lists {name}, which {qualname!r} never raises itself"
        yield _at(rules.RAISES_EXTRA, source, at, message)


def _check_class_init(
    node: ast.ClassDef, parsed: docstring.Docstring, source: SourceFile
) -> Iterator[Finding]:
    """A class docstring with Args documents ``__init__`` (when it has no docstring of its own).

    Its Args and Raises are then held to ``__init__``'s signature and body, and reported at
    the class; ``--fix`` leaves class docstrings alone.
    """
    init = next(
        (
            statement
            for statement in node.body
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
            and statement.name == "__init__"
        ),
        None,
    )
    if init is None or _has_docstring(init) or "Args" not in parsed.sections:
        return
    qualname = f"{node.name}.__init__"
    found = [
        *_check_args(init, parsed, source, Scope(True, node), qualname, at=node),
        *_check_raises(parsed.sections, _body(init, source), source, qualname, node),
    ]
    for result in found:
        if result.code in FIXABLE:
            result = result._replace(message=result.message + CLASS_DOCSTRING_NOTE)
        yield result


def _check_examples(
    node: Function | ast.ClassDef, parsed: docstring.Docstring, source: SourceFile, qualname: str
) -> Iterator[Finding]:
    section = parsed.sections.get("Examples")
    if section is None:
        return
    statements = docstring.examples(section)
    for index, (offset, code) in enumerate(statements):
        if XDOCTEST_SKIP_REST.fullmatch(code.strip()):
            return  # xdoctest: a directive on its own line holds for the rest of the example
        if all(not line.strip() or line.lstrip().startswith("#") for line in code.splitlines()):
            continue  # a `>>> # comment` or empty prompt is no example, as doctest skips it
        if DOCTEST_SKIP.search(code):
            continue  # never run, so free to show IPython syntax such as `%timeit`
        try:
            compile(code + "\n", "<example>", "single", ast.PyCF_ONLY_AST, dont_inherit=True)
        except SyntaxError as error:
            if _parses_with_neighbours(statements, index):
                continue  # xdoctest style: `>>>` on every line of a `for` loop, say
            line = _docstring_line(node, offset)
            message = f"example in the docstring of {qualname!r} does not parse: {error.msg}"
            yield finding(rules.EXAMPLE_SYNTAX, source.relpath, message, line, 1)


DOCTEST_SKIP = re.compile(r"#\s*x?doctest:.*\+SKIP")
XDOCTEST_SKIP_REST = re.compile(r"#\s*xdoctest:.*\+SKIP.*")


def _parses_with_neighbours(statements: list[tuple[int, str]], index: int) -> bool:
    """Whether the run of ``>>>`` lines with no output between them around ``index`` parses.

    xdoctest, which PyTorch uses, reads such a run as one block of code.
    """

    def follows(at: int) -> bool:  # statement ``at`` starts on the line after ``at - 1`` ends
        before, code = statements[at - 1]
        return statements[at][0] == before + code.count("\n") + 1

    first = last = index
    while first > 0 and follows(first):
        first -= 1
    while last + 1 < len(statements) and follows(last + 1):
        last += 1
    if first == last:
        return False
    code = "\n".join(code for _, code in statements[first : last + 1])
    try:
        compile(code + "\n", "<example>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError:
        return False
    return True


def _docstring_line(node: Function | ast.ClassDef, offset: int) -> int:
    """The file line of line ``offset`` of the cleaned docstring."""
    expression = node.body[0]
    assert isinstance(expression, ast.Expr) and isinstance(expression.value, ast.Constant)
    raw = str(expression.value.value).split("\n")
    leading = next((i for i, line in enumerate(raw) if line.strip()), 0)
    return expression.lineno + leading + offset


def misspelled_args(parsed: docstring.Docstring) -> str | None:
    """A title such as ``Arg:`` or ``Paramters:``, which no tool reads as Args, else None.

    Args:
        parsed: The docstring.

    Returns:
        The title as written, with its colon.
    """
    import difflib

    names = ["args", "arguments", "parameters", "params"]
    for title in parsed.unknown_titles:
        if difflib.get_close_matches(title.lower(), names, n=1, cutoff=0.75):
            return f"{title}:"
    return None


def _check_args(
    node: Function,
    parsed: docstring.Docstring,
    source: SourceFile,
    scope: Scope,
    qualname: str,
    at: ast.stmt | None = None,
) -> Iterator[Finding]:
    """Args against the signature; findings are at ``at`` (a class documenting it), or ``node``."""
    at = at or node
    parameters = _parameters(node, scope)
    names = [arg.arg for arg in parameters]
    args = parsed.sections.get("Args")
    documented = [entry.name.lstrip("*") for entry in args.entries] if args else []
    keyword = parsed.sections.get("Keyword Args") or parsed.sections.get("Other Parameters")
    extra_names = {entry.name.lstrip("*") for entry in keyword.entries} if keyword else set()
    # Private parameters (``_cache``) are the implementation's business, like private names.
    missing = [
        name
        for name in names
        if name not in documented and name not in extra_names and not name.startswith("_")
    ]
    if missing:
        misspelled = misspelled_args(parsed)
        where = "its Args section" if args else "an Args section (the docstring has none)"
        if args is None and misspelled:
            where = f"an Args section (is {misspelled!r} meant to be 'Args:'?)"
        listed = ", ".join(repr(name) for name in missing)
        message = f"document {listed} of {qualname!r} in {where}"
        colonless = [name for name in missing if args and name in args.colonless]
        if colonless:
            lines = ", ".join(repr(name) for name in colonless)
            message += (
                f"; the {'lines' if len(colonless) > 1 else 'line'} for {lines} "
                f"{'lack' if len(colonless) > 1 else 'lacks'} the colon an entry needs: "
                "`name (type): description`"
            )
        yield _at(rules.ARGS_MISSING, source, at, message)
    if args is None:
        return
    takes_kwargs = node.args.kwarg is not None  # documented keys it forwards are fine
    for entry, name in zip(args.entries, documented, strict=True):
        if entry.listed and name not in names:
            continue  # `- live: upload as it changes` lists a value, as often as a parameter
        if name not in names and not takes_kwargs and name not in ("self", "cls"):
            message = f"Args documents {entry.name!r}, which {qualname!r} does not have"
            yield _at(rules.ARGS_EXTRA, source, at, message)
    present = [name for name in documented if name in names]
    expected = [name for name in names if name in present]
    if present != expected:
        message = f"Args of {qualname!r} are not in the signature's order: {', '.join(expected)}"
        yield _at(rules.ARGS_ORDER, source, at, message)
    annotations = {arg.arg: arg.annotation for arg in parameters}
    # `*args: int` may be documented as the tuple it is, `**kwargs: int` as the dict.
    collected = {}
    if node.args.vararg is not None:
        collected[node.args.vararg.arg] = "tuple[{}, ...]"
    if node.args.kwarg is not None:
        collected[node.args.kwarg.arg] = "dict[str, {}]"
    for entry, name in zip(args.entries, documented, strict=True):
        annotation = annotations.get(name)
        if (
            entry.type
            and annotation is not None
            and not _same_type(entry.type, annotation, source.lines)
            and not (
                name in collected
                and _types_agree(
                    entry.type, collected[name].format(_annotation_text(annotation, source.lines))
                )
            )
        ):
            shown = ast.unparse(annotation)
            message = f"Args gives {name!r} the type {entry.type!r}, but it is annotated {shown!r}"
            yield _at(rules.ARGS_TYPE, source, at, message)


GENERIC_ALIASES = re.compile(r"\b(List|Dict|Tuple|Set|Type)\b")
# Markup around a type (`torch.Tensor`, *optional*, [`~torch.optim.Optimizer`]) and what
# follows it: "defaults to 1", "of shape (batch, dim)".
MARKUP = re.compile(r"[`*~]")
ROLE = re.compile(r":(?:[\w-]+:)?[\w-]+:(?=`)")  # Sphinx roles: :obj:`str`, :py:class:`X`
LINK = re.compile(r"(?<![\w\[\]])\[([\w.]+)\]")  # a linked name among others: [`int`] or [`str`]
# A forward reference: a quoted class ("FloatTensor") or dotted name ("torch.Tensor"), not a
# value such as "linear".
QUOTED_NAME = re.compile(r"""["']((?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*|[A-Z]\w*)["']""")
DEFAULT_CLAUSE = re.compile(r"(?:,|\s)\s*\(?(?:defaults?\b|of shape\b).*$", re.I | re.DOTALL)
DEFAULTS_TO = re.compile(r"\bdefaults?\s+to\b", re.IGNORECASE)
OPTIONAL = re.compile(r"(?:^|[,\s])\s*optional\s*(?=,|$)", re.IGNORECASE)
REQUIRED = re.compile(r"(?:^|[,\s])\s*required\s*(?=,|$)", re.IGNORECASE)  # no default
# "A or B", "A, B, or C"; and "list of int" for list[int].
ALTERNATIVES = re.compile(r"\s*,?\s+or\s+")
CONTAINER_OF = re.compile(
    r"^(list|tuple|set|dict|sequence|iterable|iterator)s?\s+of\s+(.+)$", re.IGNORECASE
)
# Abstract types written as words: "sequence" is Sequence, "function" Callable.
ABSTRACT = {
    "sequence": "Sequence", "iterable": "Iterable", "iterator": "Iterator",
    "callable": "Callable", "function": "Callable", "mapping": "Mapping",
    "generator": "Generator",
}  # fmt: skip
PLURAL = re.compile(r"([A-Za-z_][\w.]*?)s")  # "ints", "Tensors"
PLURAL_WORDS = {"strings": "str", "integers": "int", "booleans": "bool"}
# A module path in front of a name: "torch.Tensor" and "Tensor" are the same type.
QUALIFIER = re.compile(r"\b(?:[A-Za-z_]\w*\.)+(?=[A-Za-z_])")
# A value listed as the type: `"linear"` or `"cosine"` documents a string.
STRING_VALUE = re.compile(r"'[^']*'|\"[^\"]*\"")
_STRING = STRING_VALUE.pattern
STRING_LITERALS = re.compile(rf"Literal\[(?:{_STRING})(?:,(?:{_STRING}))*\]")


def _same_type(written: str, annotation: ast.expr, lines: list[str] | None = None) -> bool:
    """Whether a docstring type means the annotation, allowing the usual spellings.

    ``lines``, the file's, let the annotation be read as written; see ``_types_agree``.
    """
    return _types_agree(written, _annotation_text(annotation, lines))


@functools.lru_cache(maxsize=4096)  # docstrings repeat the same pairs across a code base
def _types_agree(written: str, annotation: str) -> bool:
    """Whether a docstring type and an annotation's text mean the same type.

    Markup and a default are not part of the type (`` `int`, *optional*, defaults to 1 ``),
    "A or B" and "A, B" are unions (any of their readings: see ``_readings``), a module path
    may be left out, a bare ``dict`` agrees with ``dict[str, int]`` (either way round, at any
    depth) and ``str`` with a ``Literal`` of strings. An annotation that is one name other than
    a builtin (an alias, a TypeVar, a base class), or a documented such name against a union,
    is not compared: it would need resolving.
    """
    if len(written) > MAX_TYPE_LENGTH or len(annotation) > MAX_TYPE_LENGTH:
        return True  # no type is written so: nothing to compare, and no time spent on it
    text = LINK.sub(r"\1", MARKUP.sub("", ROLE.sub("", written)))
    # A run of spaces (also one left where markup was: "` ` `") would make the patterns below
    # backtrack.
    text = " ".join(text.split())
    text = QUOTED_NAME.sub(r"\1", text)
    if text.startswith("[") and text.endswith("]"):  # a Sphinx link: [`~torch.nn.Module`]
        text = text[1:-1]
    # "optional" and "defaults to ..." say there is a default, which may or may not be None.
    optional = OPTIONAL.search(text) is not None or DEFAULTS_TO.search(text) is not None
    text = DEFAULT_CLAUSE.sub("", REQUIRED.sub("", OPTIONAL.sub("", text)))
    if not text.strip(" ,"):  # only "optional": no type is written
        return True
    parts = [part.strip() for part in _split_top(ALTERNATIVES.sub(",", text), ",")]
    return any(
        _union_agrees(alternatives, annotation, optional) for alternatives in _readings(parts)
    )


def _union_agrees(alternatives: list[str], annotation: str, optional: bool) -> bool:
    """Whether documented alternatives, spelled as annotations, make the annotated type.

    With ``optional`` (the docstring says there is a default), None may be on either side.
    """
    # Words left over ("Python function", "tuple of these", "str -> None") are prose that
    # says what the type is: nothing to compare.
    if any(
        " " in re.sub(r"\s*([\[\],|])\s*", r"\1", part) or "->" in part for part in alternatives
    ):
        return True
    doc = _type_parts("|".join(alternatives))
    code = _type_parts(QUOTED_NAME.sub(r"\1", annotation).strip("'\""))
    if "Any" in code:  # no documented type disagrees with Any
        return True
    if optional:
        doc, code = doc - {"None"}, code - {"None"}
    # An annotation that is one name other than a builtin, or a documented such name against
    # a union, is no disagreement that can be shown without resolving the name.
    if not code & doc and (_unresolved(code) or (_unresolved(doc) and len(code) > 1)):
        return True
    return all(any(_covers(d, c) for c in code) for d in doc) and all(
        any(_covers(d, c) for d in doc) for c in code
    )


def _spelled(part: str) -> str:
    """One documented alternative as an annotation spells it.

    "tuple of ints" is ``tuple[int, ...]``, "list of Tensors" ``list[Tensor]``, "sequence"
    ``Sequence``.
    """
    if STRING_VALUE.fullmatch(part) or part.lower() == "string":
        return "str"
    if part.lower() in ABSTRACT:
        return ABSTRACT[part.lower()]
    container = CONTAINER_OF.fullmatch(part)
    if container is None:
        return part
    return _container(container[1], [container[2]])


def _readings(parts: list[str]) -> Iterator[list[str]]:
    """The unions documented alternatives ("A or B", "A, B") may mean, each spelled as types.

    People write "list of int or str" meaning ``list[int] | str`` as often as
    ``list[int | str]``: a container in words may also take the plain names after it as its
    items. "list of int or list of str" has one reading.
    """
    yield [_spelled(part) for part in parts]
    for index, part in enumerate(parts[:-1]):
        container = CONTAINER_OF.fullmatch(part)
        rest = parts[index + 1 :]
        if container and all(other and " " not in other for other in rest):
            items = [container[2], *rest]
            yield [*map(_spelled, parts[:index]), _container(container[1], items)]


def _container(kind: str, items: list[str]) -> str:
    """A container written in words ("tuple of ints") with its items, as an annotation."""
    item = "|".join(_singular(item.strip()) for item in items)
    kind = kind.lower()
    if kind == "tuple":
        return f"tuple[{item}, ...]"
    return f"{ABSTRACT.get(kind, kind)}[{item}]"


def _singular(word: str) -> str:
    """A plural type name as the type: "ints" is int, "Tensors" Tensor, "strings" str."""
    if word.lower() in PLURAL_WORDS:
        return PLURAL_WORDS[word.lower()]
    plural = PLURAL.fullmatch(word)
    if plural is None:
        return word
    single = plural[1]
    if single.endswith(("s", "u", "i")):  # "Process", "Bus", "Axis": no plural
        return word
    name = single.rsplit(".", 1)[-1]
    return single if single in BUILTIN_TYPES or name[:1].isupper() else word


BUILTIN_TYPES = frozenset(
    {"int", "float", "complex", "str", "bytes", "bytearray", "bool", "list", "dict", "tuple"}
    | {"set", "frozenset", "object", "type", "None", "Any"}
)


def _unresolved(parts: frozenset[str]) -> bool:
    """Whether a type is one name, other than a builtin, that cannot be compared unresolved.

    Such a name may be a type alias (``ImageInput = Union[...]``), a TypeVar, or a class the
    other side's type derives from (``FloatTensor`` and ``Tensor``).
    """
    names = parts - {"None"}
    if len(names) != 1:
        return False
    (name,) = names
    return "[" not in name and name not in BUILTIN_TYPES


def _covers(doc: str, code: str, depth: int = 0) -> bool:
    """Whether one documented type agrees with one annotated type, at any depth.

    A bare generic on either side agrees with any parameters (``list`` and ``list[int]``,
    ``dict[str, list]`` and ``dict[str, list[int]]``).
    """
    if doc == code or (doc == "str" and STRING_LITERALS.fullmatch(code) is not None):
        return True
    doc_head, _, doc_rest = doc.partition("[")
    code_head, _, code_rest = code.partition("[")
    if doc_head != code_head or depth > MAX_TYPE_DEPTH:
        return False
    if not doc_rest or not code_rest:  # a bare generic
        return True
    if not (doc_rest.endswith("]") and code_rest.endswith("]")):  # brackets left open
        return False
    doc_args = _split_top(doc_rest[:-1], ",")
    code_args = _split_top(code_rest[:-1], ",")
    return len(doc_args) == len(code_args) and all(
        _covers(d, c, depth + 1) for d, c in zip(doc_args, code_args, strict=True)
    )


def _annotation_text(annotation: ast.expr, lines: list[str] | None) -> str:
    """The annotation as written when it is on one ASCII line, else as ``ast`` prints it."""
    # Slicing the source is much cheaper than unparsing, and the spacing is removed anyway.
    if lines is not None and annotation.end_lineno == annotation.lineno:
        line = lines[annotation.lineno - 1]
        if line.isascii():  # ast's offsets count bytes
            return line[annotation.col_offset : annotation.end_col_offset]
    return ast.unparse(annotation)


NONE_TYPE = re.compile(r"\bNoneType\b")  # what typing prints for None: Union[X, NoneType]


def _type_parts(text: str) -> frozenset[str]:
    """The members of a union, spelled one way: ``Optional[List[int]]`` is list[int], None."""
    text = QUALIFIER.sub("", text.replace(" ", "").replace("typing.", ""))
    text = NONE_TYPE.sub("None", text)
    return frozenset(_members(GENERIC_ALIASES.sub(lambda match: match[1].lower(), text)))


def _members(text: str, depth: int = 0) -> set[str]:
    members: set[str] = set()
    if depth > MAX_TYPE_DEPTH:  # a docstring's text, not code: it may nest anything
        return {text}
    for part in _split_top(text, "|"):
        if _enclosed(part):  # `(int, int)` is a tuple, `(int | None)` a grouping
            inner = part[1:-1]
            if len(_split_top(inner, ",")) > 1:
                members.add(_generic(f"tuple[{inner}]", depth + 1))
            else:
                members |= _members(inner, depth + 1)
        elif part.startswith("Optional[") and part.endswith("]"):
            members |= _members(part[len("Optional[") : -1], depth + 1) | {"None"}
        elif part.startswith("Union[") and part.endswith("]"):
            for inner in _split_top(part[len("Union[") : -1], ","):
                members |= _members(inner, depth + 1)
        else:
            members.add(_generic(part, depth + 1))
    return members


def _enclosed(text: str) -> bool:
    """Whether one pair of parentheses holds all of ``text``: ``(a, b)``, not ``(a)(b)``."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += 1 if char in "[(" else -1 if char in "])" else 0
        if depth == 0:
            return index == len(text) - 1
    return False


MAX_TYPE_DEPTH = 20
MAX_TYPE_LENGTH = 1000
# Containers a docstring may write with parentheses: tuple(int, float) for tuple[int, float].
CONTAINERS = ("tuple(", "list(", "dict(", "set(", "frozenset(")


def _generic(text: str, depth: int) -> str:
    """A type that is not a union, with the unions among its arguments spelled one way.

    ``dict[str,Optional[int]]`` and ``dict[str,int|None]`` are both ``dict[str,None|int]``;
    ``tuple(int,float)`` is ``tuple[int,float]``.
    """
    if text.startswith(CONTAINERS) and text.endswith(")"):
        start = text.index("(")
        text = f"{text[:start]}[{text[start + 1 : -1]}]"
    start = text.find("[")
    if start < 0 or not text.endswith("]"):
        return text
    arguments = _split_top(text[start + 1 : -1], ",")
    spelled = ["|".join(sorted(_members(argument, depth))) for argument in arguments]
    return f"{text[:start]}[{','.join(spelled)}]"


def _split_top(text: str, separator: str) -> list[str]:
    """Split at ``separator`` outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return [*parts, text[start:]]


DATA_DECORATORS = ("dataclass", "define", "frozen", "mutable", "s", "attrs")
DATA_BASES = ("BaseModel", "NamedTuple", "TypedDict")
ATTRS_DECORATORS = ("define", "frozen", "mutable", "s", "attrs")
ATTRS_FIELDS = ("ib", "attrib", "field")  # attrs fields declared without an annotation


# A class variable, and a dataclass's init-only argument, are no fields an instance holds.
NOT_FIELDS = re.compile(r"\b(?:ClassVar|InitVar)\b")


def _check_attributes(node: ast.ClassDef, text: str, source: SourceFile) -> Iterator[Finding]:
    """Fields of a data class (dataclass, attrs, pydantic, NamedTuple) are under Attributes."""
    decorators = {_name_of(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list}
    bases = {_name_of(base) for base in node.bases}
    if not (decorators & set(DATA_DECORATORS) or bases & set(DATA_BASES)):
        return
    attrs = bool(decorators & set(ATTRS_DECORATORS))
    fields = [
        name
        for item in node.body
        if (name := _field_name(item, source, attrs))
        and not name.startswith("_")
        and not (name == "model_config" and "BaseModel" in bases)  # pydantic's settings
    ]
    section = docstring.parse(text).sections.get("Attributes")
    documented = {entry.name for entry in section.entries} if section else set()
    missing = [name for name in fields if name not in documented]
    if missing:
        listed = ", ".join(repr(name) for name in missing)
        message = f"class {node.name!r}: document the fields {listed} under Attributes"
        if _has_field_docstrings(node):
            message += " (Google style reads the class docstring, not a string after a field)"
        yield _at(rules.ATTRIBUTES_MISSING, source, node, message)


def _field_name(item: ast.stmt, source: SourceFile, attrs: bool) -> str | None:
    """The field a class-body statement declares: ``x: int``, or in attrs ``x = attr.ib()``."""
    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
        if NOT_FIELDS.search(_annotation_text(item.annotation, source.lines)):
            return None
        return item.target.id
    if attrs and isinstance(item, ast.Assign) and len(item.targets) == 1:
        target, value = item.targets[0], item.value
        call = isinstance(value, ast.Call) and _name_of(value.func) in ATTRS_FIELDS
        if isinstance(target, ast.Name) and call:
            return target.id
    return None


def _has_field_docstrings(node: ast.ClassDef) -> bool:
    """Whether a string follows a field, as PEP 257's attribute docstrings do."""
    return any(
        isinstance(item, ast.AnnAssign) and _is_string(after)
        for item, after in zip(node.body, node.body[1:], strict=False)
    )


def _name_of(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""

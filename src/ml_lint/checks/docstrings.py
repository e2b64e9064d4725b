"""Docstring presence (ML201) and type hints (ML202) on the shared syntax tree."""

import ast
import re
from collections.abc import Iterator
from typing import NamedTuple

from ml_lint.config import Config, DocstringOptions
from ml_lint.model import Finding, Rule, finding
from ml_lint.rules import docstrings as rules
from ml_lint.source import SourceFile

TEST_FILE = re.compile(r"(^|/)(tests?/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)")
EXEMPT_DECORATORS = ("overload", "override", "setter", "deleter")
MODULE_BASES = ("Module", "nn.Module", "torch.nn.Module")
Function = ast.FunctionDef | ast.AsyncFunctionDef


class Scope(NamedTuple):
    """Where a definition is: public or not, and the class it belongs to."""

    public: bool
    owner: ast.ClassDef | None = None


def check(source: SourceFile, config: Config) -> Iterator[Finding]:
    """Flag public definitions without docstrings and functions without type hints."""
    options = config.docstrings
    if options.exempt_tests and TEST_FILE.search(source.relpath):
        return
    tree = source.tree
    private_module = _private_module(source.relpath)
    in_notebook = source.relpath.endswith(".ipynb")  # a code cell: no module docstring
    if tree.body and not in_notebook and not private_module and ast.get_docstring(tree) is None:
        message = 'public module has no docstring; start the file with a """summary."""'
        yield finding(rules.DOCSTRING_MISSING, source.relpath, message)
    exported = _exported(tree)
    yield from _visit(tree.body, source, options, Scope(not private_module), exported)


def _private_module(relpath: str) -> bool:
    parts = relpath.removesuffix(".py").split("/")
    return any(part.startswith("_") and part not in ("__init__", "__main__") for part in parts)


def _exported(tree: ast.Module) -> set[str] | None:
    """The names in a module's literal ``__all__``, or None when it has none."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            try:
                names = ast.literal_eval(node.value)
            except ValueError:
                return None
            return {name for name in names if isinstance(name, str)}
    return None


def _visit(
    body: list[ast.stmt],
    source: SourceFile,
    options: DocstringOptions,
    scope: Scope,
    exported: set[str] | None,
) -> Iterator[Finding]:
    for node in body:
        if isinstance(node, (ast.If, ast.Try)):  # e.g. `if TYPE_CHECKING:` at module level
            blocks = [node.body, node.orelse, *[h.body for h in getattr(node, "handlers", [])]]
            for block in blocks:
                yield from _visit(block, source, options, scope, exported)
        elif isinstance(node, ast.ClassDef):
            public = scope.public and _public_name(node.name, scope, exported)
            if public and ast.get_docstring(node) is None:
                message = f"public class {node.name!r} has no docstring"
                yield _at(rules.DOCSTRING_MISSING, source, node, message)
            yield from _visit(node.body, source, options, Scope(public, node), None)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _check_function(node, source, options, scope, exported)


def _public_name(name: str, scope: Scope, exported: set[str] | None) -> bool:
    if scope.owner is None and exported is not None:
        return name in exported
    return not name.startswith("_") or _is_dunder(name)


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4


def _check_function(
    node: Function,
    source: SourceFile,
    options: DocstringOptions,
    scope: Scope,
    exported: set[str] | None,
) -> Iterator[Finding]:
    public = scope.public and _public_name(node.name, scope, exported)
    qualname = f"{scope.owner.name}.{node.name}" if scope.owner else node.name
    kind = "method" if scope.owner else "function"
    if public and ast.get_docstring(node) is None and not _docstring_exempt(node, scope, options):
        message = (
            f"public {kind} {qualname!r} has no docstring; add a Google-style docstring "
            "(a summary line, then Args, Returns and Raises as they apply)"
        )
        yield _at(rules.DOCSTRING_MISSING, source, node, message)
    if public or options.type_hints_private:
        yield from _check_hints(node, source, scope, qualname)


def _decorator_names(node: Function) -> list[str]:
    names = []
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute):
            names.append(target.attr)
        elif isinstance(target, ast.Name):
            names.append(target.id)
    return names


def _docstring_exempt(node: Function, scope: Scope, options: DocstringOptions) -> bool:
    if any(name in EXEMPT_DECORATORS for name in _decorator_names(node)):
        return True
    owner = scope.owner
    class_documented = owner is not None and ast.get_docstring(owner) is not None
    if node.name == "__init__":
        return options.init_documented_on_class and class_documented
    if _is_dunder(node.name):
        return options.exempt_magic_methods
    if node.name == "forward" and owner is not None and options.forward_documented_on_class:
        bases = {ast.unparse(base) for base in owner.bases}
        return class_documented and bool(bases & set(MODULE_BASES))
    return False


def _check_hints(
    node: Function, source: SourceFile, scope: Scope, qualname: str
) -> Iterator[Finding]:
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    if scope.owner is not None and positional and "staticmethod" not in _decorator_names(node):
        positional = positional[1:]  # self or cls
    every = [*positional, *arguments.kwonlyargs]
    every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
    for arg in every:
        if arg.annotation is None:
            message = f"parameter {arg.arg!r} of {qualname!r} has no type hint"
            yield _at(rules.TYPE_HINTS_MISSING, source, arg, message)
    if node.returns is None and node.name != "__init__":
        message = f"{qualname!r} has no return type hint; add `-> None` if it returns nothing"
        yield _at(rules.TYPE_HINTS_MISSING, source, node, message)


def _at(rule: Rule, source: SourceFile, node: ast.stmt | ast.arg, message: str) -> Finding:
    column = source.column(node.lineno, node.col_offset)
    return finding(rule, source.relpath, message, node.lineno, column)

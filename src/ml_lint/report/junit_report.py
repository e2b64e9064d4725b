"""JUnit XML: a test suite per file (or commit), a failed test case per finding."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from ml_lint.model import Finding
from ml_lint.report import Context

# Characters XML 1.0 cannot contain at all, even escaped (commit subjects can hold them).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)


def render(findings: list[Finding], context: Context) -> str:
    """JUnit XML; a clean run is one passing test case so CI shows that checks ran.

    Args:
        findings: The findings, sorted by path.
        context: Unused; every format takes it.

    Returns:
        The XML document.
    """
    suites = ET.Element(
        "testsuites", name="ml-lint", tests=str(max(len(findings), 1)), failures=str(len(findings))
    )
    if not findings:
        suite = ET.SubElement(suites, "testsuite", name="ml-lint", tests="1", failures="0")
        ET.SubElement(suite, "testcase", classname="ml-lint", name="all checks passed")
    for raw_path, group in groupby(findings, key=lambda result: result.path):
        results = list(group)
        path = _xml(raw_path)
        suite = ET.SubElement(
            suites, "testsuite", name=path, tests=str(len(results)), failures=str(len(results))
        )
        seen: dict[str, int] = {}
        for result in results:
            name = f"{result.code} {result.name} at {result.location()}"
            # CI systems key test cases by class and name: two findings of one rule at one
            # place (two undocumented fields on one line) stay two cases.
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name += f" ({seen[name]})"
            case = ET.SubElement(
                suite,
                "testcase",
                classname=path,
                name=_xml(name),
                file=path,
                # a cell's line is not a line of the notebook file
                line=str(1 if result.cell is not None else result.line),
            )
            message = _xml(result.message)
            failure = ET.SubElement(case, "failure", message=message, type=result.code)
            failure.text = _xml(f"{result.location()}: {result.code} [{result.name}] ") + message
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"

"""JUnit XML: a test suite per file (or commit), a failed test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from ml_lint.model import Finding
from ml_lint.report import Context


def render(findings: list[Finding], context: Context) -> str:
    """JUnit XML; a clean run is one passing test case so CI shows that checks ran."""
    suites = ET.Element(
        "testsuites", name="ml-lint", tests=str(max(len(findings), 1)), failures=str(len(findings))
    )
    if not findings:
        suite = ET.SubElement(suites, "testsuite", name="ml-lint", tests="1", failures="0")
        ET.SubElement(suite, "testcase", classname="ml-lint", name="all checks passed")
    for path, group in groupby(findings, key=lambda result: result.path):
        results = list(group)
        suite = ET.SubElement(
            suites, "testsuite", name=path, tests=str(len(results)), failures=str(len(results))
        )
        for result in results:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=path,
                name=f"{result.code} {result.name} at {result.location()}",
                file=path,
                line=str(result.line),
            )
            failure = ET.SubElement(case, "failure", message=result.message, type=result.code)
            failure.text = f"{result.location()}: {result.code} [{result.name}] {result.message}"
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"

#!/usr/bin/env python3
"""Prints the failed tests of TRX files, each with the head of its message, for the tail of a CI log.

The runner's own output scrolls away and a CI log is often read only by its last lines, so what failed and why
must be printed next to the counts. Usage: failed-tests.py PREFIX TRX...
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
FAILED = {"Failed", "Error", "Timeout", "Aborted"}
# The tail that CI shows is about 75 lines: two explained failures and the names must fit in it with the counts.
MAX_NAMED, MAX_EXPLAINED, MAX_LINES, MAX_WIDTH = 10, 2, 18, 400


def main() -> None:
    prefix, paths = sys.argv[1], sys.argv[2:]
    failures = []
    for path in paths:
        for result in ET.parse(path).getroot().iter(NS + "UnitTestResult"):
            if result.get("outcome") in FAILED:
                message = result.findtext(f"{NS}Output/{NS}ErrorInfo/{NS}Message") or ""
                stack = result.findtext(f"{NS}Output/{NS}ErrorInfo/{NS}StackTrace") or ""
                failures.append((result.get("testName", "?"), message, stack))
    for name, message, stack in failures[:MAX_EXPLAINED]:
        print(f"{prefix} why {name}:")
        lines = message.splitlines() + [s for s in stack.splitlines() if "FtpMount" in s][:4]
        for line in lines[:MAX_LINES]:
            print(f"    {line[:MAX_WIDTH]}")
        if len(lines) > MAX_LINES:
            print(f"    ... {len(lines) - MAX_LINES} more lines in the TRX file")
    for name, _, _ in failures[:MAX_NAMED]:
        print(f"{prefix} {name}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Lists public declarations of the library modules that have no `///` comment above them.

Every public symbol carries a one-line summary (GRDB documents member by member); this check
keeps it so. Exit status 1 when something is missing. Usage: scripts/check-docs.py [--list]
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
MODULES = ["CardConcurrency", "CardModel", "CardFormats", "CardNormalize", "CardDedup", "CardExport", "CardStore"]
DECL = re.compile(r"^\s*(?:@[\w().: ,\"]+\s+)*(?:public|open)\s+(?!import)(?:(?:static|final|mutating|nonisolated|override|convenience|required|indirect|lazy|weak)\s+)*"
                  r"(struct|enum|class|protocol|typealias|func|var|let|init|subscript|case|extension)\b(.*)")


def undocumented():
    missing = []
    for module in MODULES:
        for root, _, files in os.walk(os.path.join(ROOT, module)):
            for name in sorted(files):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(root, name)
                lines = open(path, encoding="utf-8").read().split("\n")
                for i, line in enumerate(lines):
                    m = DECL.match(line)
                    if not m or m.group(1) == "extension":
                        continue
                    # Protocol requirements' implementations (`description`, `==`, `<`, Codable) are documented by the protocol.
                    rest = m.group(2)
                    if re.match(r"\s*(description|debugDescription|hash\(|encode\(to|init\(from decoder|static func [<=]=?\s*\(|func [<=]=?\s*\(|==\s*\(|<\s*\()", rest) \
                            or re.search(r"func (==|<|<=)\s*\(", line) or "init(from decoder:" in line or "func encode(to encoder:" in line \
                            or re.search(r"var description: String", line):
                        continue
                    j = i - 1
                    while j >= 0 and (lines[j].strip().startswith("@") or lines[j].strip() == ""):
                        if lines[j].strip() == "":
                            j = -1
                            break
                        j -= 1
                    if j < 0 or not lines[j].strip().startswith("///"):
                        # An enum case on the same line as others, or a case list: documented by the enum.
                        if m.group(1) == "case" and ("," in rest):
                            continue
                        missing.append(f"{os.path.relpath(path, os.path.join(ROOT, '..'))}:{i + 1}: {line.strip()[:100]}")
    return missing


if __name__ == "__main__":
    found = undocumented()
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} public declarations without a /// summary", file=sys.stderr)
        sys.exit(1)

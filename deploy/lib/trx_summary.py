"""Adds up the counters of every .trx file under a folder into one line: 'tests: N passed, N failed[, N skipped]'."""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = files = 0
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    counters = ET.parse(trx).getroot().find("t:ResultSummary/t:Counters", NS)
    if counters is None:
        continue
    files += 1
    c = {k: int(v) for k, v in counters.attrib.items() if v.isdigit()}
    passed += c.get("passed", 0)
    failed += c.get("failed", 0) + c.get("error", 0) + c.get("timeout", 0) + c.get("aborted", 0)
    skipped += c.get("notExecuted", 0) + c.get("inconclusive", 0)
if files == 0:
    failed += 1  # no results at all is a failure, never a silent pass
line = f"tests: {passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)

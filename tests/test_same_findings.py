"""tools/same_findings.py writes the batch it audits as the first records of a unit,
unchanged, under one name, so that two runs audit the same documents by the same ids."""

import gzip
import importlib.util
import json
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "same_findings.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("same_findings", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_batch_is_the_first_records_unchanged(tmp_path, monkeypatch):
    tool = load_tool()
    data = tmp_path / "ref2014"
    data.mkdir()
    records = [json.dumps({"CaseStudyId": str(i), "Title": f"Case {i}\r\n"}) for i in range(tool.COUNT + 7)]
    with gzip.open(data / f"{tool.UNIT}.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(records[:3]) + "\n\n" + "\n".join(records[3:]))  # a blank line is skipped
    monkeypatch.setattr(tool, "DATA", data)
    batch = tool.write_batch(tmp_path / "work")
    assert batch == tmp_path / "work" / tool.BATCH
    assert batch.read_text(encoding="utf-8") == "".join(r + "\n" for r in records[:tool.COUNT])
    assert tool.write_batch(tmp_path / "work").read_bytes() == batch.read_bytes()

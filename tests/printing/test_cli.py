"""``render`` subcommand through a local argparse parser (the CLI engineer wires the real one)."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

from pypdf import PdfReader

from workstation.forms.catalog import FORMS, PACKAGE_CODE
from workstation.printing import bench, cli


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="workstation-cli")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_list_shows_every_form_and_the_package() -> None:
    code, out, _ = run("render", "--list")
    assert code == 0
    for form in FORMS.values():
        assert form.code in out and form.title in out
    assert PACKAGE_CODE in out


def test_sample_renders(tmp_path: Path) -> None:
    target = tmp_path / "q.pdf"
    code, _, err = run("render", "queue-ticket", "--sample", "--out", str(target))
    assert code == 0, err
    assert "A012" in PdfReader(target).pages[0].extract_text()


def test_data_file_roundtrip_and_copy(tmp_path: Path) -> None:
    data = tmp_path / "d.json"
    code, out, _ = run("render", "gift-receipt", "--sample-json")
    data.write_text(out, encoding="utf-8")
    assert json.loads(out)["client_name"] == "阿依古丽·买买提"
    target = tmp_path / "g.pdf"
    code, _, err = run("render", "gift-receipt", "--data", str(data), "--out", str(target), "--copy")
    assert code == 0, err
    assert "副本" in PdfReader(target).pages[0].extract_text()


def test_invalid_data_exits_2_with_a_list(tmp_path: Path) -> None:
    data = tmp_path / "bad.json"
    data.write_text(json.dumps({"doc_no": "PD-1", "client_name": "王\U00030041", "colour": 1}), encoding="utf-8")
    target = tmp_path / "x.pdf"
    code, _, err = run("render", "queue-ticket", "--data", str(data), "--out", str(target))
    assert code == 2
    assert not target.exists()
    lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert any("[branch]" in line and "必填" in line for line in lines)
    assert any("未知字段“colour”" in line for line in lines)
    assert any("(U+30041) 无法打印：字体缺字" in line for line in lines)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("render", "no-such-form", "--sample", "--out", str(tmp_path / "a.pdf"))[0] == 2
    assert run("render", "queue-ticket", "--sample")[0] == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run("render", "queue-ticket", "--data", str(bad), "--out", str(tmp_path / "a.pdf"))
    assert code == 2 and "无法读取" in err


def test_bench_metrics_shape() -> None:
    rows = bench.metrics(runs=2)
    assert [r["name"] for r in rows] == ["print.package_render_median", "print.package_first_render"]
    for row in rows:
        assert set(row) == {"name", "value", "unit", "baseline", "ratio", "target", "ok"}
        assert row["unit"] == "ms" and row["value"] > row["baseline"] > 0

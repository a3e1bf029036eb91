"""Issue 14 items 11 and 12: clear messages (exit 2) for damaged or hostile input files, a
mistyped --db path, and money/quantities on printed forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation import cli, paths
from workstation.forms.base import Field, Kind, check_field
from workstation.ui import app


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sample(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict:
    code, out, _ = run(capsys, "render", "gift-receipt", "--sample-json")
    assert code == 0
    return json.loads(out)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e308, -1, 0.001])
def test_render_refuses_impossible_money(capsys: pytest.CaptureFixture[str], tmp_path: Path, value: float) -> None:
    data = sample(capsys, tmp_path)
    data["items"][0]["unit_value"] = value
    source = tmp_path / "d.json"
    source.write_text(json.dumps(data), encoding="utf-8")  # json writes NaN/Infinity as the issue had them
    target = tmp_path / "r.pdf"
    code, _, err = run(capsys, "render", "gift-receipt", "--data", str(source), "--out", str(target))
    assert code == 2 and not target.exists()
    assert "单价" in err and "Traceback" not in err


def test_render_refuses_a_huge_quantity_and_accepts_a_bom(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = sample(capsys, tmp_path)
    source = tmp_path / "bom.json"
    source.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode())
    target = tmp_path / "ok.pdf"
    code, _, err = run(capsys, "render", "gift-receipt", "--data", str(source), "--out", str(target))
    assert code == 0, err
    data["items"][0]["quantity"] = 10**300
    source.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "render", "gift-receipt", "--data", str(source), "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "数量" in err


def test_money_fields() -> None:
    money = Field("amount", "金额", Kind.MONEY)
    assert check_field(money, 12.5) == [] and check_field(money, 100) == []
    assert check_field(money, 0.1 + 0.2) == []  # binary noise is not a third decimal
    assert all(check_field(money, v) for v in (float("nan"), float("-inf"), 1e13, 1.234))


def test_deeply_nested_json_is_a_clear_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "deep.json"
    source.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run(capsys, "render", "gift-receipt", "--data", str(source), "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "嵌套" in err
    code, _, err = run(capsys, "--demo", "prefill", str(source))
    assert code == 2 and "嵌套" in err


def test_a_damaged_xlsx_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import zipfile

    source = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types><broken")
        archive.writestr("xl/workbook.xml", "<workbook")
    code, _, err = run(capsys, "--demo", "import-appointments", str(source))
    assert code == 2 and "损坏" in err and "Traceback" not in err


def test_a_mistyped_db_path_is_refused_unless_create(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    typo = tmp_path / "wokstation.db"
    code, _, err = run(capsys, "--db", str(typo), "sync")
    assert code == 2 and "--create" in err and not typo.exists()
    assert app.main(["--db", str(typo)]) == 2 and not typo.exists()
    code, _, err = run(capsys, "--db", str(typo), "db", "upgrade")  # upgrade is how a database is made
    assert code == 0, err
    assert typo.exists()
    assert paths.missing_db_file("postgresql://x/y") is None and paths.missing_db_file(None) is None

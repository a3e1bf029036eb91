"""Every form rendered from its sample: text extraction (pypdf and pdftotext), fonts, layout."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.printing.conftest import ALL_CODES, pdftotext, poppler, squash
from workstation.errors import ValidationError
from workstation.forms.base import Kind
from workstation.forms.catalog import ACCOUNT_OPENING_PACKAGE, FORMS, PACKAGE_CODE
from workstation.printing import render
from workstation.printing.files import atomic_write_bytes
from workstation.printing.layout import display


def expected_texts(code: str) -> list[str]:
    """The printed text of every filled field of the sample (masked where the form masks)."""
    form = FORMS[code]
    data = form.sample()
    out = [form.title, str(data["doc_no"])]
    for f in form.fields:
        value = data.get(f.name)
        if value in (None, "", []):
            continue
        if f.kind is Kind.TABLE:
            for row in value:
                out.extend(display(c, row.get(c.name)) for c in f.columns if row.get(c.name) not in (None, ""))
        elif f.kind is Kind.LINES:
            out.extend(value)
        else:
            out.append(display(f, value))
    return out


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("code", list(FORMS))
def test_sample_text_extracts_with_pypdf_and_pdftotext(code: str, rendered: dict[str, Path]) -> None:
    path = rendered[code]
    for extracted in (squash(pypdf_text(path)), squash(pdftotext(path))):
        missing = [t for t in expected_texts(code) if squash(t) not in extracted]
        assert not missing, f"{code}: not in the PDF text: {missing}"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("account-application", "𠮷振䶮"),
        ("suitability-mismatch", "𡒄丽娜"),
        ("beneficial-owner", "𡒄丽娜"),
        ("beneficial-owner", "阿依古丽·买买提"),
        ("gift-receipt", "阿依古丽·买买提"),
        ("transfer-in", "𡒄振华"),
        ("queue-ticket", "𠮷**"),
        ("appointment", "𠮷振䶮"),
    ],
)
def test_rare_character_names_extract_exactly(code: str, name: str, rendered: dict[str, Path]) -> None:
    assert name in pypdf_text(rendered[code])
    assert name in pdftotext(rendered[code])
    assert "\U00020bb7" == "𠮷"  # the test file itself holds the real code point


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_font_is_embedded(code: str, rendered: dict[str, Path]) -> None:
    out = subprocess.run([poppler("pdffonts"), str(rendered[code])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        cols = row.split()
        # name type encoding emb sub uni object ID: "emb" is the 4th field from the right end
        assert cols[-5] == "yes", f"{code}: font not embedded: {row}"
        assert not re.match(r"(Helvetica|Times|Courier)", cols[0]), f"{code}: base-14 font used: {row}"


def test_every_page_has_number_and_doc_no(rendered: dict[str, Path]) -> None:
    text = pdftotext(rendered[PACKAGE_CODE])
    pages = text.split("\f")[:-1]
    assert len(pages) >= len(ACCOUNT_OPENING_PACKAGE)
    for page in pages:
        assert re.search(r"第 ?\d+ ?/ ?\d+ ?页", page), page[:200]
        assert "单据编号" in page
    for code in ACCOUNT_OPENING_PACKAGE:
        assert FORMS[code].sample()["doc_no"] in text


def test_package_pages_are_numbered_per_form(rendered: dict[str, Path]) -> None:
    pages = pdftotext(rendered[PACKAGE_CODE]).split("\f")[:-1]
    firsts = [p for p in pages if re.search(r"第 ?1 ?/ ?\d+ ?页", p)]
    assert len(firsts) == len(ACCOUNT_OPENING_PACKAGE)


@pytest.mark.parametrize("code", ["queue-ticket", "directions"])
def test_slips_are_80mm_wide_on_one_page(code: str, rendered: dict[str, Path]) -> None:
    box = PdfReader(rendered[code]).pages[0].mediabox
    assert abs(float(box.width) - 80 / 25.4 * 72) < 0.5
    assert len(PdfReader(rendered[code]).pages) == 1


def test_directions_slip_has_address_landmarks_and_transit(rendered: dict[str, Path]) -> None:
    sample = FORMS["directions"].sample()
    text = squash(pdftotext(rendered["directions"]))
    for expected in (sample["branch_address"], sample["postcode"], sample["phone"], *sample["landmarks"]):
        assert squash(expected) in text
    assert all(squash(line) in text for line in sample["transit"])


def test_rendering_is_reproducible() -> None:
    data = FORMS["gift-receipt"].sample()
    assert render.render("gift-receipt", data) == render.render("gift-receipt", data)


def test_copy_mark_on_reprint() -> None:
    pdf = render.render("risk-disclosure", FORMS["risk-disclosure"].sample(), copy=True)
    text = squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "副本COPY" in text and "（副本）" in text


def test_long_address_wraps_inside_its_cell(rendered: dict[str, Path], tmp_path: Path) -> None:
    """pdftotext -bbox: the address words lie inside the value column and take several lines."""
    html = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(rendered["account-application"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    page_w = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    words = [
        (float(x0), float(y0), float(x1), w)
        for x0, y0, x1, w in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html)
    ]
    margin = 14 / 25.4 * 72
    for x0, _, x1, word in words:
        assert x0 >= margin - 1 and x1 <= page_w - margin + 1, f"outside the frame: {word} ({x0:.1f}–{x1:.1f})"
    label = next(w for w in words if w[3] == "联系地址")
    address_words = [w for w in words if w[3] and w[3][0] in "新一二" and w[1] > label[1] - 30 and w[1] < label[1] + 30]
    lines = {round(w[1]) for w in address_words}
    assert len(lines) >= 2, "the long address should wrap onto a second line"
    assert all(w[0] > label[2] for w in address_words), "address text must stay right of its label"


def test_no_printed_line_starts_with_a_comma(rendered: dict[str, Path]) -> None:
    for code in ("risk-disclosure", "suitability-mismatch", "transfer-in", "account-application"):
        for line in pdftotext(rendered[code], "-layout").splitlines():
            for cell in re.split(r"\s{2,}", line.strip()):
                assert not cell.startswith(("，", "。", "！", "？", "；", "：")), f"{code}: {line!r}"


def test_invalid_data_lists_every_problem() -> None:
    data = dict(FORMS["account-application"].sample())
    data.update(client_name="", birth_date="1991-13-01", sex="X", reviewer=data["clerk"], mobile="123")
    with pytest.raises(ValidationError) as caught:
        render.render("account-application", data)
    fields = {p.field for p in caught.value.problems}
    assert {"client_name", "birth_date", "sex", "mobile"} <= fields
    assert any("必填" in p.zh for p in caught.value.problems)


def test_four_eyes_and_id_checks() -> None:
    data = dict(FORMS["account-application"].sample(), reviewer="李晓峰（A1023）")
    assert [p.zh for p in FORMS["account-application"].validate(data)] == ["经办与复核不能为同一人"]
    data = dict(FORMS["account-application"].sample(), id_number="360426199101010072")
    assert [p.field for p in FORMS["account-application"].validate(data)] == ["id_number"]


def test_suitability_rules() -> None:
    match = dict(FORMS["suitability-match"].sample(), product_risk="R5")
    assert "风险不匹配警示书" in FORMS["suitability-match"].validate(match)[0].zh
    lowest = dict(FORMS["suitability-mismatch"].sample(), lowest_category=True, risk_class="C1")
    assert any("最低类别" in p.zh for p in FORMS["suitability-mismatch"].validate(lowest))
    out_of_range = dict(FORMS["risk-assessment"].sample(), score=101)
    assert [p.field for p in FORMS["risk-assessment"].validate(out_of_range)] == ["score"]
    # Bands are firm policy (the wizard applies them): the form prints the class it is given.
    assert FORMS["risk-assessment"].validate(dict(FORMS["risk-assessment"].sample(), score=90)) == []


def test_an_unknown_birthplace_does_not_stop_the_print() -> None:
    # 440113199001011239: valid check digit and date, a county code stdnum does not list for 1990.
    data = dict(FORMS["account-application"].sample(), id_number="440113199001011239")
    assert [p for p in FORMS["account-application"].validate(data) if p.field == "id_number"] == []
    bad = dict(data, id_number="440113199001011238")
    assert [p.field for p in FORMS["account-application"].validate(bad)] == ["id_number"]


def test_name_with_uncovered_character_is_refused() -> None:
    data = dict(FORMS["gift-receipt"].sample(), client_name="王\U00030041")
    with pytest.raises(ValidationError) as caught:
        render.render("gift-receipt", data)
    assert "字符“\U00030041”(U+30041) 无法打印：字体缺字" in caught.value.message()


def test_package_reports_problems_per_form() -> None:
    package = render.sample_package()
    package["bank-custody"] = dict(package["bank-custody"], bank_card="12")
    with pytest.raises(ValidationError) as caught:
        render.render_account_opening_package(package)
    assert caught.value.problems[0].field == "bank-custody.bank_card"
    del package["risk-disclosure"]
    with pytest.raises(ValidationError):
        render.render_account_opening_package(package)


def test_static_texts_are_all_printable() -> None:
    from workstation.printing import fonts

    for form in FORMS.values():
        texts = [form.title, form.subtitle, *form.signatures]
        for f in form.fields:
            texts += [f.label, *(label for _, label in f.choices), *(c.label for c in f.columns)]
            texts += [label for c in f.columns for _, label in c.choices]
        texts += [s.title + s.text for s in form.sections]
        for text in texts:
            assert not fonts.missing_chars(text), (form.code, text)


def test_atomic_write(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_core_is_qt_free() -> None:
    code = "import sys, workstation.printing.render, workstation.printing.cli; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_no_character_is_drawn_with_a_font_that_lacks_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spy on ReportLab's TrueType encoder: every character drawn (client data, labels, statements,
    headers, footers, copy mark) must be in the coverage of the font it is drawn with."""
    from reportlab.pdfbase.ttfonts import TTFont

    from workstation.printing import fonts

    wrong: set[tuple[str, str]] = set()
    seen: set[str] = set()
    original = TTFont.splitString

    def spy(self: TTFont, text: str, doc: object, encoding: str = "utf-16") -> object:
        covered = fonts._load(self.fontName)
        seen.update(text)
        wrong.update((self.fontName, ch) for ch in text if ord(ch) not in covered and ch not in " ")
        return original(self, text, doc, encoding)

    monkeypatch.setattr(TTFont, "splitString", spy)
    for code in ALL_CODES:
        render.render_code(code, render.sample_data(code), copy=True)
    assert {"☐", "☑", "𠮷", "䶮", "𡒄", "·"} <= seen  # the spy saw the text
    assert not wrong, sorted(wrong)


def test_a_list_of_lines_prints_no_blank_line_between_items(tmp_path: Path) -> None:
    """Issue 15 defect 6: the directions slip printed an empty line after "（A 口）"."""
    data = FORMS["directions"].sample() | {
        "doc_no": "ZY-BJGM01-20250301-0003",
        "transit": ["地铁：1号线、10号线国贸站（A 口）", "公交：1路、4路、37路国贸站", "自驾：国贸商城地下停车场"],
    }
    path = tmp_path / "directions.pdf"
    atomic_write_bytes(path, render.render("directions", data))
    lines = pdftotext(path, "-layout").splitlines()
    at = next(i for i, line in enumerate(lines) if "（A 口）" in line)
    assert "2. 公交" in lines[at + 1]

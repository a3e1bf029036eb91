"""The error presenter and the log: the right box for each kind of error, no personal data in logs."""

from __future__ import annotations

import logging
import sys

from workstation import errors
from workstation.ui.errors import ErrorPresenter, Severity
from workstation.ui.logfile import PersonalDataFilter, mask_personal_data, setup_logging


def test_user_error_is_a_warning_with_the_service_message() -> None:
    presenter = ErrorPresenter("zh_CN", display=lambda r, p: None)
    report = presenter.report_for(errors.InvalidCredentials(remaining=2))
    assert report.severity is Severity.WARNING
    assert report.text == "工号或密码错误。再错 2 次账号将被锁定。"


def test_store_error_is_critical_and_english_when_asked() -> None:
    presenter = ErrorPresenter("en", display=lambda r, p: None)
    report = presenter.report_for(errors.DatabaseReadOnly(path="/x.db"))
    assert report.severity is Severity.CRITICAL
    assert report.text.startswith("The database file or its folder is not writable")


def test_unexpected_error_shows_short_message_and_logs_traceback(caplog) -> None:
    shown = []
    presenter = ErrorPresenter(display=lambda r, p: shown.append(r))
    try:
        raise KeyError("internal detail")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR):
            presenter.show(exc)
    assert shown[0].severity is Severity.CRITICAL
    assert shown[0].text.startswith("程序出现意外错误")
    assert "internal detail" not in shown[0].text
    assert "Traceback" in caplog.text and "internal detail" in caplog.text


def test_excepthook_routes_uncaught_exceptions_to_the_presenter() -> None:
    shown = []
    presenter = ErrorPresenter(display=lambda r, p: shown.append(r))
    previous = sys.excepthook
    presenter.install_excepthook()
    try:
        try:
            raise RuntimeError("bug")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        presenter.uninstall_excepthook()
    assert sys.excepthook is previous
    assert shown[0].title == "意外错误"


def test_personal_data_is_masked_in_log_records() -> None:
    assert mask_personal_data("id 110101199003071234 tel 13812345678") == "id 110***********1234 tel 138****5678"
    assert mask_personal_data("card 6222021234567890123") == "card 622202*********0123"
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "client %s phone %s", ("11010519491231002X", "13900001111"), None
    )
    PersonalDataFilter().filter(record)
    assert record.getMessage() == "client 110***********002X phone 139****1111"


def test_log_file_is_written_masked(tmp_path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    path = setup_logging(tmp_path)
    try:
        logging.getLogger("test").warning("visitor 13812345678")
        for handler in root.handlers:
            handler.flush()
        assert path is not None and "138****5678" in path.read_text(encoding="utf-8")
        assert "13812345678" not in path.read_text(encoding="utf-8")
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()

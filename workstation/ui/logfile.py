"""The workstation's log: a rotating file in the user log folder, with personal data masked.

Services log with ``repr(error)`` and ids, not personal data; the filter here is the safety net:
anything that looks like a resident ID number, a mobile number or a bank card is masked with
:mod:`workstation.masking` before it reaches the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from workstation import paths
from workstation.files import create_private, private_dir, private_file
from workstation.masking import mask_card, mask_id_number, mask_phone

LOG_FILE = "workstation.log"
MAX_BYTES = 2_000_000
BACKUPS = 5

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_CARD = re.compile(r"(?<!\d)62\d{14,17}(?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_personal_data(text: str) -> str:
    """``text`` with ID numbers, UnionPay card numbers and mobile numbers masked."""
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _CARD.sub(lambda m: mask_card(m.group(0)), text)
    return _MOBILE.sub(lambda m: mask_phone(m.group(0)), text)


class PersonalDataFilter(logging.Filter):
    """Masks personal data in the formatted message (and in exception text) of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = mask_personal_data(formatted)
        return True


def default_log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(paths.APP_NAME, appauthor=False))


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to ``log_dir/workstation.log`` (rotating); return the file, or None if it cannot be written."""
    root = logging.getLogger()
    root.setLevel(level)
    for existing in root.handlers:
        if any(isinstance(f, PersonalDataFilter) for f in existing.filters):  # set up already
            return Path(existing.baseFilename) if isinstance(existing, logging.FileHandler) else None
    folder = log_dir or default_log_dir()
    path: Path | None = folder / LOG_FILE
    handler: logging.Handler
    try:
        private_dir(folder)
        create_private(folder / LOG_FILE)  # readable by the user only (rotated files: the umask)
        private_file(folder / LOG_FILE)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:  # no writable log folder: the console still gets the log
        handler = logging.StreamHandler()
        path = None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    root.addHandler(handler)
    return path

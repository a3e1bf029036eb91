"""JSON over HTTP(S) to the firm's gateways (identity check, SMS platform): one POST, one answer.

Every failure becomes :class:`HttpJsonError` with ``kind`` "http" (the server answered with an
error status, ``status`` set), "unreachable" (no connection, timeout) or "garbled" (not JSON).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


class HttpJsonError(Exception):
    def __init__(self, kind: str, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.kind, self.detail, self.status = kind, detail, status


def post_json(url: str, payload: dict[str, Any], *, token: str = "", timeout_s: float = 10.0) -> Any:
    """POST ``payload`` as UTF-8 JSON (bearer ``token`` when given); return the decoded answer."""
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            raw = response.read()
    except urllib.error.HTTPError as exc:
        raise HttpJsonError("http", f"HTTP {exc.code}", exc.code) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise HttpJsonError("unreachable", str(getattr(exc, "reason", exc))[:200]) from exc
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise HttpJsonError("garbled", "not JSON") from exc

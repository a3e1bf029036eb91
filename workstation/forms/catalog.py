"""Every printable form by code, and the account-opening package."""

from __future__ import annotations

from workstation.errors import NotFound
from workstation.forms.account import ACCOUNT_APPLICATION, BANK_CUSTODY, BENEFICIAL_OWNER, CRS_DECLARATION
from workstation.forms.base import FormDefinition
from workstation.forms.slips import APPOINTMENT, DIRECTIONS, GIFT_RECEIPT, QUEUE_TICKET
from workstation.forms.suitability import RISK_ASSESSMENT, RISK_DISCLOSURE, SUITABILITY_MATCH, SUITABILITY_MISMATCH
from workstation.forms.transfer import TRANSFER_IN

FORMS: dict[str, FormDefinition] = {
    form.code: form
    for form in (
        ACCOUNT_APPLICATION,
        RISK_ASSESSMENT,
        SUITABILITY_MATCH,
        SUITABILITY_MISMATCH,
        RISK_DISCLOSURE,
        BANK_CUSTODY,
        CRS_DECLARATION,
        BENEFICIAL_OWNER,
        TRANSFER_IN,
        GIFT_RECEIPT,
        QUEUE_TICKET,
        APPOINTMENT,
        DIRECTIONS,
    )
}

ACCOUNT_OPENING_PACKAGE: tuple[str, ...] = (
    ACCOUNT_APPLICATION.code,
    RISK_ASSESSMENT.code,
    SUITABILITY_MATCH.code,
    RISK_DISCLOSURE.code,
    BANK_CUSTODY.code,
)
"""The forms a new client signs at the counter, printed as one PDF in this order."""

PACKAGE_CODE = "account-opening-package"


def get_form(code: str) -> FormDefinition:
    """The form with ``code``; raises :class:`NotFound` (Chinese message) for an unknown code."""
    try:
        return FORMS[code]
    except KeyError:
        raise NotFound(what=f"表单“{code}”") from None

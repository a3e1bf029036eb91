"""Issue 15 defect 5: every wizard step has a translatable title (context "Step")."""

from __future__ import annotations

from workstation.accounts.steps import Step
from workstation.ui.accounts.step_names import STEP_TEXT, step_text


def test_every_step_has_a_translatable_title() -> None:
    assert set(STEP_TEXT) == set(Step)
    assert all(STEP_TEXT[step] == step.label for step in Step)  # the source text is the Chinese label
    assert step_text(Step.IDENTITY) == "身份核验"  # no translator installed: the source text

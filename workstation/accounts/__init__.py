"""New-account and transfer-in paperwork (issue 5): Qt-free wizard controllers and their rules.

- :mod:`.steps` — :class:`~.steps.Step` (the wizard pages, per kind by :func:`~.steps.steps_for`)
  and :class:`~.steps.TransferTask` (transfer-in tasks tracked until complete).
- :mod:`.validators`, :mod:`.suitability` — pure step validators ``(data, StepContext) -> StepCheck``.
- :mod:`.rules` — policies (ages, bands, services, banks, commission, AML) and the questionnaire.
- :mod:`.wizard` — :class:`~.wizard.AccountWizard`: start/resume/save_step/confirm_warning/go_to/
  back/cancel/submit; :mod:`.submission` — client upsert and the print package.
- :mod:`.review` — four-eyes review, the reviewers' queue, transfer progress, the client page.
- :mod:`.prefill`, :mod:`.cli` — ``workstation-cli prefill FILE.json``; :mod:`.bench` — step timings.
"""

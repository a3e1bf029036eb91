"""The wizard steps of each application kind, and the transfer-in tasks tracked until complete.

Steps are an :class:`enum.StrEnum` (the value is stored in ``AccountApplication.current_step``
and as the key of the draft in ``step_data``); ``label`` is the page title a clerk sees.
"""

from __future__ import annotations

from workstation.domain import ApplicationKind, LabelledEnum


class Step(LabelledEnum):
    """One page of an account wizard, in the order of :func:`steps_for`."""

    IDENTITY = ("identity", "身份核验")
    CLIENT_DATA = ("client_data", "客户资料")
    PREVIOUS_BROKER = ("previous_broker", "原券商与证券账户")
    QUESTIONNAIRE = ("questionnaire", "风险承受能力评估")
    SUITABILITY_MATCH = ("suitability_match", "适当性匹配")
    AML_CRS = ("aml_crs", "反洗钱评级与税收居民声明")
    CUSTODY_BANK = ("custody_bank", "三方存管银行")
    COMMISSION = ("commission", "佣金费率")
    DOCUMENTS = ("documents", "文件签署与打印")


NEW_ACCOUNT_STEPS: tuple[Step, ...] = (
    Step.IDENTITY,
    Step.CLIENT_DATA,
    Step.QUESTIONNAIRE,
    Step.SUITABILITY_MATCH,
    Step.AML_CRS,
    Step.CUSTODY_BANK,
    Step.COMMISSION,
    Step.DOCUMENTS,
)
TRANSFER_IN_STEPS: tuple[Step, ...] = (
    Step.IDENTITY,
    Step.CLIENT_DATA,
    Step.PREVIOUS_BROKER,
    Step.QUESTIONNAIRE,
    Step.SUITABILITY_MATCH,
    Step.AML_CRS,
    Step.CUSTODY_BANK,
    Step.COMMISSION,
    Step.DOCUMENTS,
)


def steps_for(kind: ApplicationKind) -> tuple[Step, ...]:
    """The steps of a wizard of ``kind``, first to last."""
    return TRANSFER_IN_STEPS if kind is ApplicationKind.TRANSFER_IN else NEW_ACCOUNT_STEPS


def next_step(kind: ApplicationKind, step: Step) -> Step | None:
    """The step after ``step`` (None after the last)."""
    steps = steps_for(kind)
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def previous_step(kind: ApplicationKind, step: Step) -> Step | None:
    """The step before ``step`` (None before the first)."""
    steps = steps_for(kind)
    index = steps.index(step)
    return steps[index - 1] if index > 0 else None


class TransferTask(LabelledEnum):
    """A task of a transfer-in (``TransferStep.step``), at the old broker or at this branch.

    Domain notes §5: SH 撤销指定交易 and SZ 转托管 at the old broker; 指定交易, 加挂 and the new
    third-party custody here once the accounts are released.
    """

    SH_CANCEL_DESIGNATION = ("sh_cancel_designation", "原券商：上海撤销指定交易")
    SZ_CUSTODY_TRANSFER = ("sz_custody_transfer", "原券商：深圳转托管")
    FUNDS_OUT = ("funds_out", "原券商：资金转回银行并注销原存管")
    SH_DESIGNATE = ("sh_designate", "本营业部：上海指定交易")
    ATTACH = ("attach", "本营业部：证券账户加挂")
    CUSTODY_BANK = ("custody_bank", "本营业部：建立三方存管")

    @property
    def at_old_broker(self) -> bool:
        return self in (TransferTask.SH_CANCEL_DESIGNATION, TransferTask.SZ_CUSTODY_TRANSFER, TransferTask.FUNDS_OUT)


def transfer_tasks(*, sh: bool, sz: bool) -> tuple[TransferTask, ...]:
    """The tasks of a transfer-in with a Shanghai and/or a Shenzhen account, in order."""
    tasks: list[TransferTask] = []
    if sh:
        tasks.append(TransferTask.SH_CANCEL_DESIGNATION)
    if sz:
        tasks.append(TransferTask.SZ_CUSTODY_TRANSFER)
    tasks.append(TransferTask.FUNDS_OUT)
    if sh:
        tasks.append(TransferTask.SH_DESIGNATE)
    tasks.extend((TransferTask.ATTACH, TransferTask.CUSTODY_BANK))
    return tuple(tasks)

"""Translatable page titles of the wizard steps (the core's ``Step.label`` stays Chinese)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workstation.accounts.steps import Step

STEP_TEXT: dict[Step, str] = {
    Step.IDENTITY: str(QT_TRANSLATE_NOOP("Step", "身份核验")),
    Step.CLIENT_DATA: str(QT_TRANSLATE_NOOP("Step", "客户资料")),
    Step.PREVIOUS_BROKER: str(QT_TRANSLATE_NOOP("Step", "原券商与证券账户")),
    Step.QUESTIONNAIRE: str(QT_TRANSLATE_NOOP("Step", "风险承受能力评估")),
    Step.SUITABILITY_MATCH: str(QT_TRANSLATE_NOOP("Step", "适当性匹配")),
    Step.AML_CRS: str(QT_TRANSLATE_NOOP("Step", "反洗钱评级与税收居民声明")),
    Step.CUSTODY_BANK: str(QT_TRANSLATE_NOOP("Step", "三方存管银行")),
    Step.COMMISSION: str(QT_TRANSLATE_NOOP("Step", "佣金费率")),
    Step.DOCUMENTS: str(QT_TRANSLATE_NOOP("Step", "文件签署与打印")),
}


def step_text(step: Step) -> str:
    """The step's title in the interface language."""
    return QCoreApplication.translate("Step", STEP_TEXT.get(step, step.label))

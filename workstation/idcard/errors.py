"""What can go wrong when reading an ID card; each a message a clerk understands."""

from __future__ import annotations

from workstation.errors import UserError


class CardReaderError(UserError):
    """Base of the card reader's errors. Nothing of a failed read is kept."""

    code = "idcard.error"
    zh = "读卡失败：{detail}"
    en = "Reading the card failed: {detail}"


class ReaderNotConfigured(CardReaderError):
    code = "idcard.not_configured"
    zh = "本机未配置身份证阅读器，请手工录入证件信息，或在设置中选择阅读器端口。"
    en = "No ID card reader is configured on this PC. Type the details, or choose the reader's port in the settings."


class ReaderUnavailable(CardReaderError):
    code = "idcard.unavailable"
    zh = "无法打开身份证阅读器（{port}）：{detail}。请检查连接线和端口设置。"
    en = "Cannot open the ID card reader ({port}): {detail}. Check the cable and the port setting."


class ReaderTimeout(CardReaderError):
    code = "idcard.timeout"
    zh = "身份证阅读器没有应答，请检查阅读器电源和连接后重试。"
    en = "The ID card reader did not answer. Check its power and cable, then try again."


class NoCard(CardReaderError):
    code = "idcard.no_card"
    zh = "未检测到证件，请将身份证平放在阅读器上。"
    en = "No card found. Lay the ID card flat on the reader."


class CardRemoved(CardReaderError):
    code = "idcard.removed"
    zh = "读卡过程中证件被移开，请将证件放稳后重新读卡。"
    en = "The card was moved away during the read. Keep it on the reader and read again."


class FrameGarbled(CardReaderError):
    code = "idcard.garbled"
    zh = "阅读器返回的数据无法识别（{detail}），请重新读卡；多次出现请联系技术支持。"
    en = "The reader's answer could not be understood ({detail}). Read again; call support if it keeps happening."


class ReaderFault(CardReaderError):
    code = "idcard.fault"
    zh = "身份证阅读器报告错误（状态码 {status}：{detail}），请重新读卡。"
    en = "The ID card reader reported an error (status {status}: {detail}). Read the card again."


class CardUnsupported(CardReaderError):
    code = "idcard.unsupported"
    zh = "无法识别此证件类型（标识“{kind}”），请手工录入证件信息。"
    en = "This kind of card (type mark “{kind}”) is not supported; type the details by hand."


class CardDataInvalid(CardReaderError):
    code = "idcard.invalid"
    zh = "证件芯片中的信息不完整或有误（{detail}），请手工核对录入。"
    en = "The card's chip data is incomplete or wrong ({detail}); check and type the details by hand."


class CardExpired(CardReaderError):
    code = "idcard.expired"
    zh = "该证件已于 {valid_to} 过期，不能用于办理业务，请客户出示有效证件。"
    en = "This card expired on {valid_to} and cannot be used; ask for a valid document."


class VendorLibraryMissing(CardReaderError):
    code = "idcard.vendor_missing"
    zh = "找不到阅读器厂商驱动库 {library}：{detail}。请安装阅读器随附的驱动，或改用串口方式。"
    en = (
        "The reader vendor's library {library} was not found: {detail}. "
        "Install the reader's driver or use the serial port."
    )

"""The hall's voice (语音播报): "请 A012 号到 3 号窗口" in Mandarin, one announcement at a time.

espeak-ng's default Mandarin voice mangles ticket labels (it reads "A012" as English and 号 badly);
its ``cmn-latn-pinyin`` voice reads toned pinyin with correct phonemes, so the sentence is
written in pinyin here: the ticket number digit by digit (零一二, never 十二), the counter as a
number (十二号窗口), the line letter as Chinese speakers say it. :class:`Announcer` queues the
announcements on one thread so they never overlap, with volume and repeats configurable; the
player is pluggable (``aplay``/``paplay`` on Linux, ``winsound`` on Windows, a recorder in tests).
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

VOICE = "cmn-latn-pinyin"
DIGITS = ("ling2", "yi1", "er4", "san1", "si4", "wu3", "liu4", "qi1", "ba1", "jiu3")
LETTERS = {"A": "ei1", "B": "bi4", "C": "xi1", "D": "di4", "T": "ti4"}
Player = Callable[[Path], None]


def number_pinyin(n: int) -> str:
    """A counter number as said aloud: 3 → san1, 10 → shi2, 12 → shi2 er4, 23 → er4 shi2 san1."""
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        words = ([] if tens == 1 else [DIGITS[tens]]) + ["shi2"] + ([DIGITS[ones]] if ones else [])
        return " ".join(words)
    return " ".join(DIGITS[int(d)] for d in str(n))


def label_pinyin(label: str) -> str:
    """A ticket label read out: letters by name, digits one by one, dashes silent (A-2-015 too)."""
    words = []
    for ch in label.upper():
        if ch.isdigit() and ch.isascii():
            words.append(DIGITS[int(ch)])
        elif ch in LETTERS:
            words.append(LETTERS[ch])
    return " ".join(words)


def announcement(label: str, counter_number: int) -> tuple[str, str]:
    """(what the display shows, the pinyin the voice reads) for one call."""
    text = f"请 {label} 号到 {counter_number} 号窗口"
    spoken = f"qing3 {label_pinyin(label)} hao4 dao4 {number_pinyin(counter_number)} hao4 chuang1 kou3"
    return text, spoken


def espeak() -> str | None:
    return shutil.which("espeak-ng")


def phonemes(spoken: str) -> str:
    """espeak-ng's phoneme string for ``spoken`` (what the tests listen to)."""
    exe = espeak()
    if exe is None:
        raise RuntimeError("espeak-ng is not installed")
    result = subprocess.run([exe, "-q", "-x", "-v", VOICE, spoken], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def synthesize(spoken: str, target: Path, *, volume: int = 100, speed: int = 140) -> Path:
    """Write ``spoken`` as a WAV file (no sound card needed). ``volume`` 0–200, ``speed`` words/min."""
    exe = espeak()
    if exe is None:
        raise RuntimeError("espeak-ng is not installed")
    amplitude = max(0, min(200, volume))
    subprocess.run(
        [exe, "-v", VOICE, "-a", str(amplitude), "-s", str(speed), "-w", str(target), spoken],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return target


def system_player() -> Player | None:
    """Play a WAV file on this PC's speakers, or None when it has no way to."""
    if sys.platform == "win32":
        import winsound

        return lambda path: winsound.PlaySound(str(path), winsound.SND_FILENAME)
    for command in (["paplay"], ["aplay", "-q"]):
        exe = shutil.which(command[0])
        if exe:
            return _command_player([exe, *command[1:]])
    return None


def _command_player(command: list[str]) -> Player:
    def play(path: Path) -> None:
        subprocess.run([*command, str(path)], check=False, timeout=60)

    return play


@dataclass
class VoiceSettings:
    volume: int = 100
    repeat: int = 2
    """How many times each call is said (the hall is noisy)."""
    pause_s: float = 0.8


class Announcer:
    """Says the calls in order on its own thread; a call never starts before the previous ended."""

    def __init__(self, player: Player | None, settings: VoiceSettings | None = None) -> None:
        self.player = player
        self.settings = settings or VoiceSettings()
        self._queue: queue.Queue[tuple[str, int] | None] = queue.Queue()
        self._folder = Path(tempfile.mkdtemp(prefix="hall-voice-"))
        self._thread = threading.Thread(target=self._run, name="hall-voice", daemon=True)
        self._thread.start()

    def announce(self, label: str, counter_number: int) -> None:
        self._queue.put((label, counter_number))

    def close(self, timeout: float = 30) -> None:
        """Finish what is queued, then stop."""
        self._queue.put(None)
        self._thread.join(timeout)
        shutil.rmtree(self._folder, ignore_errors=True)

    def _run(self) -> None:
        count = 0
        while (item := self._queue.get()) is not None:
            label, counter = item
            count += 1
            try:
                spoken = announcement(label, counter)[1]
                wav = synthesize(spoken, self._folder / f"call-{count}.wav", volume=self.settings.volume)
                for i in range(max(1, self.settings.repeat)):
                    if i:
                        time.sleep(self.settings.pause_s)
                    if self.player is not None:
                        self.player(wav)
            except (OSError, RuntimeError, subprocess.SubprocessError):
                log.exception("announcing %s failed", label)

"""Benchmark of the estimated wait (``workstation-cli bench --only hall.*``): a simulated day.

A branch day on one line is simulated (seeded): clients arrive at random (Poisson), counters
serve them first come first served with random service times around the line's mean. At each
arrival the estimate is computed from what the branch knows at that moment — the clients
waiting ahead, today's mean service time so far (the default before a few were served), the
counters — exactly as :func:`workstation.services.hall.estimate_wait` does for the slip and the
display; then the client's real wait is observed. Reported: the mean absolute error of the
estimates in minutes against the mean observed wait, and the share within five minutes. The
targets: 5 minutes for short services, a third of a service (8 minutes) for account opening,
whose single services already vary by about ten minutes.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass
from typing import Any

from workstation.services.hall import estimate_wait, mean_service_minutes

OPEN_MINUTES = 8 * 60


@dataclass(frozen=True)
class Day:
    arrivals_per_hour: float
    service_mean: float
    counters: int
    line: str = "C"


def simulate(day: Day, seed: int = 7) -> list[tuple[int, int]]:
    """(estimated, observed) wait in minutes for every client of the simulated day."""
    rng = random.Random(seed)
    t, arrivals = 0.0, []
    while True:
        t += rng.expovariate(day.arrivals_per_hour / 60)
        if t >= OPEN_MINUTES:
            break
        arrivals.append(t)
    free = [0.0] * day.counters  # when each counter is next free
    heapq.heapify(free)
    starts: list[float] = []
    finished: list[tuple[float, float]] = []  # (finish time, duration)
    out = []
    for i, arrival in enumerate(arrivals):
        ahead = sum(1 for j in range(i) if starts[j] > arrival)
        busy = sum(1 for j in range(i) if starts[j] <= arrival < finished[j][0])
        known = [duration for end, duration in finished if end <= arrival]
        estimate = estimate_wait(ahead, mean_service_minutes(known, day.line), day.counters, busy)
        counter_free = heapq.heappop(free)
        start = max(arrival, counter_free)
        duration = rng.lognormvariate(0, 0.45) * day.service_mean
        heapq.heappush(free, start + duration)
        starts.append(start)
        finished.append((start + duration, duration))
        out.append((estimate, round(start - arrival)))
    return out


def metrics() -> list[dict[str, Any]]:
    results = []
    for name, day, target in (
        ("hall.estimate_error.other_line", Day(arrivals_per_hour=18, service_mean=6, counters=2), 5.0),
        ("hall.estimate_error.new_accounts", Day(arrivals_per_hour=6, service_mean=22, counters=3, line="A"), 8.0),
    ):
        pairs = simulate(day)
        error = sum(abs(e - o) for e, o in pairs) / len(pairs)
        observed = sum(o for _, o in pairs) / len(pairs)
        within = sum(1 for e, o in pairs if abs(e - o) <= 5) / len(pairs)
        results.append(
            {
                "name": name,
                "value": round(error, 1),
                "unit": "min",
                "baseline": round(observed, 1),
                "target": target,
                "clients": len(pairs),
                "within_5_min": round(within, 2),
                "note": "baseline: mean observed wait; value: mean absolute error of the estimate",
            }
        )
    return results

"""Measuring helpers shared by the benchmark, the scale benchmark and the soak (no heavy imports)."""

from __future__ import annotations

import resource
from collections.abc import Sequence
from pathlib import Path


def percentile(values: Sequence[float], q: float, digits: int = 3) -> float:
    """The q-th percentile (linear interpolation, as numpy), rounded; 0.0 for no values."""
    import numpy as np  # here, not at the top: every `qabot` command imports this module through `qabot eval`

    return round(float(np.percentile(values, q)), digits) if len(values) else 0.0


def rss_mb() -> float:
    """Resident memory of this process now, in MB (10^6 bytes); the peak where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return peak_rss_mb()


def peak_rss_mb() -> float:
    """The most resident memory this process has had, in MB (10^6 bytes; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6

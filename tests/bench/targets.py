"""The page benchmark's arithmetic: wrk's output read, the table, the targets of issue 15 (pure)."""
import math
import re
from dataclasses import dataclass

FLOOR_SHARE = 0.5       # every HTML page at >= 50 % of the floor's throughput
FLOOR_P99_FACTOR = 3.0  # ... with p99 <= 3x the floor's
SAVE_P95_MS = 50.0      # answer save, 8 clients
SLOWEST_MS = 1000.0     # no request renders for more than 1 s
RSS_MB = 200.0          # worker resident memory

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class Load:
    """One load run: throughput, latencies in milliseconds, failed requests."""

    rps: float
    p50: float
    p99: float
    slowest: float
    requests: int
    failed: int = 0
    p95: float | None = None  # wrk does not print it; the Python load generator does


@dataclass(frozen=True)
class Row:
    """One page of the table: its load, the floor measured just before it, its query counts."""

    page: str
    html: bool
    load: Load
    floor: Load
    queries_demo: int | None
    queries_cluster: int | None
    reference: bool = False  # measured to read the others by, not a page of the app: no target

    @property
    def share(self):
        return self.load.rps / self.floor.rps if self.floor.rps else 0.0

    @property
    def within_floor(self):
        """Say whether the page meets the floor targets (throughput share and p99)."""
        return self.share >= FLOOR_SHARE and self.load.p99 <= FLOOR_P99_FACTOR * self.floor.p99

    @property
    def too_slow(self):
        """Say whether a request took more than a second (none finishing in the whole run counts)."""
        return self.load.slowest > SLOWEST_MS or self.load.requests == 0

    @property
    def flat_queries(self):
        return self.queries_demo is not None and self.queries_demo == self.queries_cluster


def duration_ms(text):
    """Turn a wrk duration such as ``12.5ms``, ``830.00us`` or ``1.02s`` into milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if match is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(output):
    """Read a ``wrk --latency`` report into a Load (non-2xx/3xx answers and socket errors count as failed)."""
    def find(pattern):
        match = re.search(pattern, output, re.MULTILINE)
        return match.group(1) if match else None

    requests = int(find(r"^\s*(\d+) requests in") or 0)
    failed = int(find(r"Non-2xx or 3xx responses: (\d+)") or 0)
    errors = find(r"Socket errors: (.*)$")
    if errors:
        failed += sum(int(n) for n in re.findall(r"\d+", errors))
    return Load(rps=float(find(r"Requests/sec:\s+([\d.]+)") or 0.0), p50=duration_ms(find(r"^\s+50%\s+(\S+)") or "0ms"),
                p99=duration_ms(find(r"^\s+99%\s+(\S+)") or "0ms"),
                slowest=duration_ms(find(r"^\s+Latency(?:\s+\S+){2}\s+(\S+)") or "0ms"),
                requests=requests, failed=failed)


def percentile(values, fraction):
    """Return the nearest-rank percentile of *values* (``fraction`` 0.95 for p95); 0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def load_from_latencies(latencies_ms, seconds, failed=0):
    """Summarize the latencies a Python load generator measured over *seconds* as a Load."""
    return Load(rps=len(latencies_ms) / seconds if seconds else 0.0, p50=percentile(latencies_ms, 0.5),
                p99=percentile(latencies_ms, 0.99), slowest=max(latencies_ms, default=0.0),
                requests=len(latencies_ms), failed=failed, p95=percentile(latencies_ms, 0.95))


def _queries(count):
    return "-" if count is None else str(count)


def table(rows):
    """Return the printed table: one line per page."""
    header = (f"{'page':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'floor/s':>8} "
              f"{'share':>6} {'q demo':>6} {'q clus':>6}  targets")
    lines = [header, "-" * len(header)]
    for row in rows:
        marks = []
        if row.reference:
            marks.append("reference")
        elif row.html:
            marks.append("floor ok" if row.within_floor else "FLOOR")
        if not row.reference:
            marks.append("queries flat" if row.flat_queries else "QUERIES GROW" if row.queries_demo is not None else "")
        if row.load.requests == 0:
            marks.append("NONE DONE")
        elif row.too_slow:
            marks.append("SLOW >1s")
        if row.load.failed:
            marks.append(f"{row.load.failed} FAILED")
        lines.append(f"{row.page:<26} {row.load.rps:>8.1f} {row.load.p50:>8.1f} {row.load.p99:>8.1f} "
                     f"{row.load.slowest:>8.0f} {row.floor.rps:>8.1f} {row.share:>6.0%} "
                     f"{_queries(row.queries_demo):>6} {_queries(row.queries_cluster):>6}  "
                     + ", ".join(m for m in marks if m))
    return "\n".join(lines)


def targets(rows, save, rss_mb):
    """Return ``[(target, met, detail)]`` for the targets of issue 15, point 4.

    :param rows: the page Rows.
    :param save: the answer-save Load (8 clients), or None when it could not run.
    :param rss_mb: the largest resident memory a worker reached, in MB.
    """
    pages = [row for row in rows if not row.reference]
    html = [row for row in pages if row.html]
    below = [row.page for row in html if not row.within_floor]
    growing = [row.page for row in pages if not row.flat_queries]
    slow = [row.page for row in pages if row.too_slow]
    if save is not None:
        slow += ["answer save"] if save.slowest > SLOWEST_MS else []
    save_p95 = None if save is None or not save.requests else save.p95
    references = "".join(f"; {row.page} itself: {row.share:.0%}" for row in rows if row.reference)
    return [
        ("HTML pages >= 50 % of floor req/s, p99 <= 3x floor's", not below,
         f"{len(html) - len(below)} / {len(html)} pages" + (f"; not: {', '.join(below)}" if below else "")
         + references),
        ("queries per page identical at demo and cluster size", not growing,
         "all flat" if not growing else f"differ: {', '.join(growing)}"),
        ("answer save p95 <= 50 ms (8 clients)", save_p95 is not None and save_p95 <= SAVE_P95_MS,
         "not measured" if save_p95 is None else f"p95 {save_p95:.1f} ms"),
        ("no request renders > 1 s", not slow, "none" if not slow else f"slower: {', '.join(slow)}"),
        ("worker RSS <= 200 MB", rss_mb <= RSS_MB, f"peak {rss_mb:.0f} MB"),
    ]


def verdict_lines(verdicts):
    """Return the printed lines of the targets."""
    return [f"  [{'met' if met else 'NOT MET'}] {name}: {detail}" for name, met, detail in verdicts]

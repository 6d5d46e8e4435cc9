"""The page benchmark's arithmetic: wrk's report read, shares of the floor, targets met or not."""
import pytest

from tests.bench.targets import Load, Row, duration_ms, load_from_latencies, parse_wrk, percentile, table, targets

# A report as wrk 4.1 prints it with --latency (one failed answer, two timeouts).
WRK_REPORT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.11ms    5.02ms   1.20s    90.12%
    Req/Sec   401.20     30.10   450.00     70.00%
  Latency Distribution
     50%   18.50ms
     75%   21.00ms
     90%   25.30ms
     99%   95.30ms
  8010 requests in 10.01s, 120.00MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 1
Requests/sec:    800.20
Transfer/sec:     11.99MB
"""


@pytest.mark.parametrize("text,expected", [("830.00us", 0.83), ("18.50ms", 18.5), ("1.20s", 1200.0),
                                           ("2.00m", 120_000.0)])
def test_wrk_durations_in_milliseconds(text, expected):
    assert duration_ms(text) == pytest.approx(expected)


def test_wrk_report_read():
    load = parse_wrk(WRK_REPORT)
    assert (load.rps, load.p50, load.p99, load.slowest, load.requests, load.failed) == \
        (800.2, 18.5, 95.3, 1200.0, 8010, 3)


def test_unreadable_duration_refused():
    with pytest.raises(ValueError):
        duration_ms("fast")


def test_python_load_summary_uses_nearest_rank_percentiles():
    load = load_from_latencies([float(n) for n in range(1, 101)], seconds=4)
    assert (load.rps, load.p50, load.p95, load.p99, load.slowest) == (25.0, 50.0, 95.0, 99.0, 100.0)
    assert percentile([], 0.5) == 0.0


def _load(rps, p99, slowest=None):
    return Load(rps=rps, p50=p99 / 2, p99=p99, slowest=slowest or p99, requests=int(rps * 10))


FLOOR = _load(1000, 30)


@pytest.mark.parametrize("rps,p99,within", [(500, 90, True), (499, 30, False), (900, 91, False),
                                            (1000, 30, True)])
def test_page_within_floor_needs_half_the_throughput_and_p99_within_three_times(rps, p99, within):
    row = Row("page", True, _load(rps, p99), FLOOR, 5, 5)
    assert row.within_floor is within


def test_targets_all_met():
    rows = [Row("login", True, _load(800, 40), FLOOR, 2, 2), Row("calendar .ics", False, _load(50, 400), FLOOR, 6, 6)]
    verdicts = targets(rows, load_from_latencies([10.0] * 19 + [60.0], 10), rss_mb=150)
    assert [met for _name, met, _detail in verdicts] == [True, True, True, True, True]
    assert "1 / 1 pages" in verdicts[0][2]  # the .ics is not an HTML page: no floor target


def test_targets_name_what_is_not_met():
    rows = [Row("login", True, _load(800, 40), FLOOR, 2, 2),
            Row("progress", True, _load(5, 3100, slowest=3500), FLOOR, 12, 14)]
    save = load_from_latencies([40.0] * 18 + [70.0, 80.0], 10)
    verdicts = dict((name, (met, detail)) for name, met, detail in targets(rows, save, rss_mb=280))
    assert verdicts["HTML pages >= 50 % of floor req/s, p99 <= 3x floor's"] == (False, "1 / 2 pages; not: progress")
    assert verdicts["queries per page identical at demo and cluster size"] == (False, "differ: progress")
    assert verdicts["answer save p95 <= 50 ms (8 clients)"] == (False, "p95 70.0 ms")
    assert verdicts["no request renders > 1 s"] == (False, "slower: progress")
    assert verdicts["worker RSS <= 200 MB"] == (False, "peak 280 MB")


def test_answer_save_not_measured_is_not_met():
    verdicts = targets([Row("login", True, _load(800, 40), FLOOR, 2, 2)], None, rss_mb=100)
    assert verdicts[2][1:] == (False, "not measured")


def test_table_shows_share_and_query_counts():
    lines = table([Row("progress", True, _load(5, 3100, slowest=3500), FLOOR, 12, 14)]).splitlines()
    assert lines[0].split()[:3] == ["page", "req/s", "p50"]
    cells = lines[2].split()
    assert cells[:2] == ["progress", "5.0"] and "0%" in cells and "12" in cells and "14" in cells
    assert "FLOOR" in lines[2] and "QUERIES GROW" in lines[2] and "SLOW >1s" in lines[2]


def test_page_with_no_request_done_in_the_run_is_too_slow():
    stuck = Row("organizer demand view", True, Load(rps=0.0, p50=0.0, p99=0.0, slowest=0.0, requests=0), FLOOR, 6, 6)
    verdicts = targets([stuck], None, rss_mb=100)
    assert verdicts[0][1] is False and verdicts[3][1:] == (False, "slower: organizer demand view")
    assert "NONE DONE" in table([stuck])


def test_a_reference_row_is_printed_and_read_but_has_no_target_of_its_own():
    rows = [Row("login", True, _load(800, 40), FLOOR, 2, 2),
            Row("signed-in layout only", True, _load(450, 50), FLOOR, None, None, reference=True)]
    verdicts = dict((name, (met, detail)) for name, met, detail in targets(rows, None, rss_mb=150))
    assert verdicts["HTML pages >= 50 % of floor req/s, p99 <= 3x floor's"] == (
        True, "1 / 1 pages; signed-in layout only itself: 45%")
    assert verdicts["queries per page identical at demo and cluster size"] == (True, "all flat")
    printed = table(rows).splitlines()[-1]
    assert printed.startswith("signed-in layout only") and printed.endswith("reference")
    assert "FLOOR" not in printed and "QUERIES" not in printed

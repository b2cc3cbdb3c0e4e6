"""A row of the graded mix is merged from its slices' latencies, not their percentiles:
at one client a slice holds about a dozen requests, and the slowest slice's median was far
above the row's."""

from bench.wrk import combine, percentile


def part(latencies_ms: list[float], seconds: float = 2.0) -> dict:
    """A slice as `bench.wrk.drive` returns it, its sketch every latency (≤ 200 requests)."""
    count = len(latencies_ms)
    ranked = sorted(latencies_ms)

    def own(q: int) -> float:  # the slice's own percentile, as wrk reports it
        return ranked[min(count - 1, int(q / 100 * count))] if ranked else 0.0

    return {
        "name": "plans list (API)",
        "clients": 1,
        "requests": count,
        "rps": round(count / seconds, 1),
        "p50_ms": own(50),
        "p95_ms": own(95),
        "p99_ms": own(99),
        "statuses": {"200": count},
        "socket_errors": 0,
        "generator_cpu_ms": 0.1,
        "kb_per_response": 3.0,
        "sketch_us": sorted(round(ms * 1000) for ms in latencies_ms),
    }


def test_the_median_is_of_all_requests_not_the_slowest_slices():
    slow = part([500.0] * 7 + [20.0] * 5)
    fast = part([20.0] * 12)
    assert slow["p50_ms"] == 500.0

    row = combine([slow, fast])

    assert row["requests"] == 24
    assert row["p50_ms"] == 20.0  # 17 of 24 took 20 ms
    assert row["p95_ms"] == 500.0
    assert row["rps"] == 6.0
    assert "sketch_us" not in row


def test_a_sketched_slice_weighs_as_many_requests_as_it_had():
    # 1 000 requests sketched by 200 points, then 10 slow ones: 1 % of the 1 010
    many = {**part([10.0] * 200), "requests": 1000}
    few = part([900.0] * 10)
    sketches = [(many["requests"], many["sketch_us"]), (few["requests"], few["sketch_us"])]

    assert percentile(sketches, 99) == 10_000
    assert percentile(sketches, 99.5) == 900_000
    assert combine([many, few])["p99_ms"] == 10.0


def test_nearest_rank_within_one_slice():
    latencies = [float(ms) for ms in range(1, 21)]  # 1 … 20 ms
    sketches = [(20, [round(ms * 1000) for ms in latencies])]

    assert percentile(sketches, 50) == 10_000
    assert percentile(sketches, 95) == 19_000
    assert percentile(sketches, 100) == 20_000


def test_no_requests_no_latency():
    assert percentile([(0, [])], 50) == 0.0
    assert combine([part([])])["p95_ms"] == 0.0

"""The fuzz times each entry point on its own and still runs them all for crashes."""

from evaluation import fuzz


def test_each_entry_point_is_timed_on_its_own(monkeypatch):
    calls = []
    real = fuzz.ENTRY_POINTS
    monkeypatch.setattr(fuzz, "ENTRY_POINTS", [
        (name, lambda text, quantities, name=name, call=call: (calls.append(name),
                                                                call(text, quantities))[1])
        for name, call in real])
    took = fuzz.check_text("13 centres: Leeds, York and Bath; 40% of the 290 staff.\n")
    assert set(took) == {name for name, _ in real} == set(calls)
    assert {"parse_quantities", "extract_claims"} <= set(took)
    assert all(seconds >= 0 for seconds in took.values())


def test_an_entry_point_over_the_limit_is_timed_three_times():
    runs = []
    took, result = fuzz.timed(lambda: runs.append(1) or "done", limit=-1.0)
    assert (len(runs), result) == (3, "done")
    took, result = fuzz.timed(lambda: runs.append(1) or "done", limit=None)
    assert len(runs) == 4


def test_a_retry_is_timed_with_the_collector_off_and_leaves_it_on():
    import gc

    seen = []
    fuzz.timed(lambda: seen.append(gc.isenabled()), limit=-1.0)
    assert seen == [True, False, False] and gc.isenabled()


def test_an_input_over_the_limit_is_timed_again_at_the_end(monkeypatch):
    """A pause of the machine that outlasts three tries in a row is not the parser's: the
    input is timed again at the end, and only one still over the limit stays slow."""
    times = {"fast text": 0.01, "slow text": 0.09}
    monkeypatch.setattr(fuzz, "check_text", lambda text, limit: {"parse_quantities": times[text]})
    slow = [("parse_quantities", "long", 0.08, "fast text"), ("parse_quantities", "long", 0.07, "slow text")]
    assert fuzz.retimed(slow, 0.05, pause=0) == [("parse_quantities", "long", 0.07, "slow text")]

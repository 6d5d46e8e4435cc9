"""The organizers' demand view; every expected count is worked out by hand.

Regions are Quebec region codes (02 Saguenay-Lac-Saint-Jean, 16 Montérégie, 17 Centre-du-Québec).
A count of fewer than 5 companies shows as None; within a breakdown whose topic total is shown,
a lone hidden cell takes the smallest visible cell with it.
"""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aluqsec.recommendations.demand import CompanyGaps, Seats, TopicDemand, demand, shown, suppress

TOPICS = ["patching", "backup-recovery", "incident-response"]


def companies(count, region="02", sector="transformation", gaps=("patching",)):
    return [CompanyGaps(region, sector, frozenset(gaps))] * count


def patching(*groups, seats=()):
    return demand([company for group in groups for company in group], seats, ["patching"])["patching"]


@pytest.mark.parametrize(("count", "min_group", "expected"), [
    (0, 5, None),
    (1, 5, None),
    (4, 5, None),
    (5, 5, 5),
    (6, 5, 6),
    (1700, 5, 1700),
    (2, 3, None),
    (3, 3, 3),
])
def test_shown_hides_counts_below_the_minimum_group(count, min_group, expected):
    assert shown(count, min_group) == expected


# companies with a patching gap (all in one region and sector) -> companies shown
@pytest.mark.parametrize(("count", "expected"), [(0, None), (4, None), (5, 5), (12, 12)])
def test_companies_with_a_gap_are_counted_from_five(count, expected):
    others = companies(7, gaps=("backup-recovery",))  # a gap on another topic does not count
    assert patching(companies(count), others).companies == expected


def test_counts_per_topic():
    result = demand(
        companies(6, gaps=("patching", "backup-recovery")) + companies(5, region="16", gaps=("patching",))
        + companies(3, region="17", gaps=("backup-recovery",)) + companies(2, gaps=()),
        [], TOPICS)
    assert list(result) == TOPICS  # every topic asked for, in the order asked
    assert result["patching"].companies == 11  # 6 + 5
    assert result["backup-recovery"].companies == 9  # 6 + 3
    assert result["incident-response"] == TopicDemand(None, {"02": None, "16": None, "17": None},
                                                      {"transformation": None}, 0, {})


# (region -> companies with a patching gap), extra companies without it -> by_region
BY_REGION = {
    "all shown": ({"02": 5, "16": 6, "17": 5}, {}, {"02": 5, "16": 6, "17": 5}),
    "total 19; 16 hidden (3 < 5), 02 (7, smallest visible) hidden with it":
        ({"02": 7, "16": 3, "17": 9}, {}, {"02": None, "16": None, "17": 9}),
    "total 14; two hidden already (3, 2): nothing more":
        ({"02": 3, "16": 2, "17": 9}, {}, {"02": None, "16": None, "17": 9}),
    "total 14; 17 hidden, 02 and 16 tie at 6: the first key goes":
        ({"02": 6, "16": 6, "17": 2}, {}, {"02": None, "16": 6, "17": None}),
    "total 16; 16 has companies but none with the gap: its 0 is hidden and protected":
        ({"02": 7, "17": 9}, {"16": 2}, {"02": None, "16": None, "17": 9}),
    "total 4 hidden: every cell hidden, nothing to subtract from": ({"02": 4}, {}, {"02": None}),
    "total 9 shown from one region": ({"16": 9}, {"02": 3}, {"02": None, "16": None}),
    "a single region holds the whole total": ({"17": 8}, {}, {"17": 8}),
}


@pytest.mark.parametrize(("with_gap", "without_gap", "expected"), BY_REGION.values(), ids=BY_REGION.keys())
def test_companies_by_region(with_gap, without_gap, expected):
    groups = [companies(n, region=region) for region, n in with_gap.items()]
    groups += [companies(n, region=region, gaps=()) for region, n in without_gap.items()]
    result = patching(*groups)
    assert result.by_region == expected
    assert list(result.by_region) == sorted(expected)


# sector -> companies with a patching gap (all in region 02) -> (total, by_sector)
BY_SECTOR = [
    ({"aerospace supplier": 5, "transformation": 5}, (10, {"aerospace supplier": 5, "transformation": 5})),
    # total 9; transformation 1 hidden; aerospace supplier (8) would give it back: 9 - 8 = 1
    ({"aerospace supplier": 8, "transformation": 1}, (9, {"aerospace supplier": None, "transformation": None})),
    # total 4 (1 + 3): everything hidden
    ({"primary aluminium": 1, "other": 3}, (None, {"other": None, "primary aluminium": None})),
    # total 21; other 4 hidden, then the smallest visible: primary aluminium (5)
    ({"primary aluminium": 5, "other": 4, "transformation": 12},
     (21, {"other": None, "primary aluminium": None, "transformation": 12})),
]


@pytest.mark.parametrize(("with_gap", "expected"), BY_SECTOR)
def test_companies_by_sector(with_gap, expected):
    result = patching(*[companies(n, sector=sector) for sector, n in with_gap.items()])
    assert (result.companies, result.by_sector) == expected


def test_region_and_sector_are_hidden_independently():
    # patching gaps: 02/aerospace supplier 6, 16/transformation 4 -> total 10
    result = patching(companies(6, region="02", sector="aerospace supplier"),
                      companies(4, region="16", sector="transformation"))
    assert result.companies == 10
    assert result.by_region == {"02": None, "16": None}  # 16 hidden, then 02 (10 - 6 = 4)
    assert result.by_sector == {"aerospace supplier": None, "transformation": None}


def test_suppress_with_the_total_hidden_hides_only_small_cells():
    assert suppress({"16": 3, "02": 7}, total_shown=False) == {"02": 7, "16": None}
    assert suppress({"16": 3, "02": 7}, total_shown=True) == {"02": None, "16": None}


SEATS = [
    Seats(("patching",), "02", 20),
    Seats(("patching", "backup-recovery"), None, 100),
    Seats(("backup-recovery",), "16", 12),
    Seats(("patching",), "02", 5),
    Seats(("web-security",), "17", 30),
]


@pytest.mark.parametrize(("topic", "seats", "by_region"), [
    ("patching", 125, {"02": 25, "online": 100}),  # 20 + 100 + 5; 02: 20 + 5
    ("backup-recovery", 112, {"16": 12, "online": 100}),  # 100 + 12
    ("incident-response", 0, {}),
])
def test_seats_sum_capacity_per_region_and_online(topic, seats, by_region):
    result = demand([], SEATS, TOPICS)[topic]
    assert (result.seats, result.seats_by_region) == (seats, by_region)
    assert list(result.seats_by_region) == sorted(by_region)


def test_seats_are_never_hidden():
    result = patching(companies(2), seats=[Seats(("patching",), "17", 3)])
    assert (result.companies, result.seats, result.seats_by_region) == (None, 3, {"17": 3})


def test_no_companies_no_events():
    assert demand([], [], ["patching"]) == {"patching": TopicDemand(None, {}, {}, 0, {})}


def test_minimum_group_can_be_changed():
    result = demand(companies(3) + companies(2, region="16"), [], ["patching"], min_group=3)["patching"]
    assert (result.companies, result.by_region) == (5, {"02": None, "16": None})  # 16: 2 < 3, then 02


# Properties -------------------------------------------------------------------------------------

REGIONS = ["02", "09", "16", "17"]
SECTORS = ["aerospace supplier", "other", "transformation"]

company_lists = st.lists(
    st.builds(CompanyGaps, region=st.sampled_from(REGIONS), sector=st.sampled_from(SECTORS),
              gap_topics=st.frozensets(st.sampled_from(TOPICS))),
    max_size=60,
)


@settings(max_examples=100, deadline=None)
@given(companies=company_lists, min_group=st.integers(1, 6))
def test_shown_counts_are_true_and_never_small_nor_recoverable(companies, min_group):
    result = demand(companies, [], TOPICS, min_group)
    for topic in TOPICS:
        with_gap = [company for company in companies if topic in company.gap_topics]
        assert result[topic].companies in (None, len(with_gap))
        assert (result[topic].companies is None) == (len(with_gap) < min_group)
        for field, cells in (("region", result[topic].by_region), ("sector", result[topic].by_sector)):
            assert set(cells) == {getattr(company, field) for company in companies}
            for key, value in cells.items():
                assert value is None or value >= min_group
                assert value in (None, sum(getattr(company, field) == key for company in with_gap))
            if result[topic].companies is not None:
                assert sum(value is None for value in cells.values()) != 1

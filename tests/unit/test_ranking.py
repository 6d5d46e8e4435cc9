"""Ranking events for one company; every expected order and severity is worked out by hand.

The company below (French, region 02 Saguenay-Lac-Saint-Jean), threshold 3:

    authentication     0.0   gap, severity 3 - 0    = 3
    incident-response  1.25  gap, severity 3 - 1.25 = 1.75
    backup-recovery    2.5   gap, severity 3 - 2.5  = 0.5
    patching           3.0   at the threshold: no gap
    access-control     4.0   no gap
    governance         None  not assessed: no gap
    web-security       (absent)
"""
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aluqsec.recommendations.ranking import CompanyProfile, EventInfo, Recommendation, recommend

MONTREAL_WINTER = timezone(timedelta(hours=-5))
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=MONTREAL_WINTER)

PROFILE = CompanyProfile(
    topics={"authentication": 0.0, "incident-response": 1.25, "backup-recovery": 2.5, "patching": 3.0,
            "access-control": 4.0, "governance": None},
    language="fr",
    region="02",
)


def make_event(id=1, days=7, topics=("incident-response",), language="fr", region="02", seats_left=10,
               kind="training", starts_at=None):
    return EventInfo(id, starts_at or NOW + timedelta(days=days), tuple(topics), language, region, seats_left, kind)


def ranked_ids(events, profile=PROFILE, **kwargs):
    return [recommendation.event_id for recommendation in recommend(profile, events, NOW, **kwargs)]


# event topics, threshold -> (reason topic, maturity, severity), or None when the event is not relevant
RELEVANCE = [
    (("incident-response",), 3.0, ("incident-response", 1.25, 1.75)),
    (("access-control",), 3.0, None),  # 4.0 >= 3
    (("patching",), 3.0, None),  # 3.0 == threshold: not a gap
    (("governance",), 3.0, None),  # not assessed
    (("web-security",), 3.0, None),  # not in the scorecard
    ((), 3.0, None),
    (("governance", "web-security", "patching"), 3.0, None),
    (("backup-recovery", "incident-response"), 3.0, ("incident-response", 1.25, 1.75)),  # 1.75 > 0.5
    (("patching", "backup-recovery", "governance"), 3.0, ("backup-recovery", 2.5, 0.5)),
    (("incident-response", "authentication"), 3.0, ("authentication", 0.0, 3.0)),  # 3 > 1.75
    (("access-control",), 4.5, ("access-control", 4.0, 0.5)),  # 4.5 - 4
    (("patching",), 3.5, ("patching", 3.0, 0.5)),  # 3.5 - 3
    (("incident-response",), 1.25, None),  # 1.25 == threshold
    (("incident-response", "authentication"), 1.0, ("authentication", 0.0, 1.0)),  # 1.25 >= 1: only 0.0 is a gap
]


@pytest.mark.parametrize(("topics", "threshold", "expected"), RELEVANCE)
def test_relevance_and_reason_come_from_the_most_severe_shared_gap(topics, threshold, expected):
    result = recommend(PROFILE, [make_event(topics=topics)], NOW, threshold=threshold)
    assert [(r.topic, r.maturity, r.severity) for r in result] == ([expected] if expected else [])


def test_equal_gaps_give_the_alphabetically_first_topic_as_reason():
    profile = CompanyProfile({"patching": 2.0, "backup-recovery": 2.0, "web-security": 2.0}, "fr", "02")
    [result] = recommend(profile, [make_event(topics=("web-security", "patching", "backup-recovery"))], NOW)
    assert (result.topic, result.maturity, result.severity) == ("backup-recovery", 2.0, 1.0)


def test_recommendation_says_why_and_how_the_event_fits():
    event = make_event(id=42, topics=("backup-recovery", "incident-response"), language="bilingual",
                       region=None, seats_left=0)
    assert recommend(PROFILE, [event], NOW) == [
        Recommendation(event_id=42, topic="incident-response", maturity=1.25, severity=1.75,
                       language_match=True, region_match=True, has_seats=False),
    ]


# event fields -> (language_match, region_match, has_seats) for the French company in region 02
FLAGS = [
    ({}, (True, True, True)),
    ({"language": "bilingual"}, (True, True, True)),
    ({"region": None}, (True, True, True)),  # online
    ({"region": "16"}, (True, False, True)),
    ({"seats_left": 1}, (True, True, True)),
    ({"seats_left": 0}, (True, True, False)),
    ({"region": "17", "seats_left": 0}, (True, False, False)),
]


@pytest.mark.parametrize(("fields", "expected"), FLAGS)
def test_match_flags(fields, expected):
    [result] = recommend(PROFILE, [make_event(**fields)], NOW)
    assert (result.language_match, result.region_match, result.has_seats) == expected


@pytest.mark.parametrize("language", ["en", "es"])
def test_events_in_another_language_are_not_recommended(language):
    assert ranked_ids([make_event(language=language, topics=("authentication",))]) == []


# (better, worse): equal on every earlier key, *better* wins on this one. *better* has the higher
# id so that the last key (id ascending) would put it second if this key did not decide.
ONE_KEY_DECIDES = {
    "same region": ({"region": "02"}, {"region": "16"}),
    "online counts as the same region": ({"region": None}, {"region": "16"}),
    "severity": ({"topics": ("authentication",)}, {"topics": ("incident-response",)}),  # 3 > 1.75
    "severity, several topics": ({"topics": ("backup-recovery", "incident-response")},
                                 {"topics": ("backup-recovery", "patching")}),  # 1.75 > 0.5
    "seats left": ({"seats_left": 1}, {"seats_left": 0}),
    "earlier start": ({"days": 3}, {"days": 4}),
    "earlier instant across time zones": (  # 14:00 UTC is before 10:00 UTC-5 (15:00 UTC)
        {"starts_at": datetime(2025, 3, 10, 14, 0, tzinfo=UTC)},
        {"starts_at": datetime(2025, 3, 10, 10, 0, tzinfo=MONTREAL_WINTER)}),
}


@pytest.mark.parametrize(("better", "worse"), ONE_KEY_DECIDES.values(), ids=ONE_KEY_DECIDES.keys())
def test_each_ordering_key_breaks_ties_of_the_previous_ones(better, worse):
    assert ranked_ids([make_event(id=1, **worse), make_event(id=2, **better)]) == [2, 1]


def test_equal_events_are_ordered_by_id():
    assert ranked_ids([make_event(id=9), make_event(id=3), make_event(id=5)]) == [3, 5, 9]


def test_online_and_same_region_events_tie_on_region():
    assert ranked_ids([make_event(id=2, region="02"), make_event(id=1, region=None)]) == [1, 2]


# (better, worse): *better* wins on one key although *worse* wins on every later key.
KEY_OUTRANKS_LATER_ONES = {
    "region over severity": ({"topics": ("incident-response",), "seats_left": 0, "days": 9},
                             {"topics": ("authentication",), "region": "16"}),
    "severity over seats": ({"topics": ("authentication",), "seats_left": 0, "days": 9},
                            {"topics": ("incident-response",)}),
    "seats over date": ({"days": 9}, {"seats_left": 0, "days": 1}),
}


@pytest.mark.parametrize(("better", "worse"), KEY_OUTRANKS_LATER_ONES.values(), ids=KEY_OUTRANKS_LATER_ONES.keys())
def test_earlier_ordering_key_outranks_every_later_one(better, worse):
    assert ranked_ids([make_event(id=1, **worse), make_event(id=2, **better)]) == [2, 1]


@pytest.mark.parametrize(("starts_at", "kept"), [
    (NOW - timedelta(days=1), False),
    (NOW - timedelta(minutes=1), False),
    (NOW, False),  # starting right now: too late to register
    (NOW + timedelta(minutes=1), True),
    (datetime(2025, 3, 3, 14, 30, tzinfo=UTC), True),  # 09:30 in Montreal
    (datetime(2025, 3, 3, 13, 30, tzinfo=UTC), False),  # 08:30 in Montreal
])
def test_only_upcoming_events_are_recommended(starts_at, kept):
    assert ranked_ids([make_event(starts_at=starts_at)]) == ([1] if kept else [])


# ranked without limit: 1 (severity 3), 2 (1.75), 3 (0.5)
LIMITED = [make_event(id=3, topics=("backup-recovery",)), make_event(id=1, topics=("authentication",)),
           make_event(id=2), make_event(id=4, topics=("patching",))]


@pytest.mark.parametrize(("limit", "expected"), [
    (None, [1, 2, 3]),
    (0, []),
    (1, [1]),
    (2, [1, 2]),
    (3, [1, 2, 3]),
    (10, [1, 2, 3]),
])
def test_limit_keeps_the_best(limit, expected):
    assert ranked_ids(LIMITED, limit=limit) == expected


def test_negative_limit_is_refused():
    with pytest.raises(ValueError, match="limit"):
        recommend(PROFILE, LIMITED, NOW, limit=-1)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="now"):
        recommend(PROFILE, LIMITED, datetime(2025, 3, 3, 9, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        make_event(starts_at=datetime(2025, 3, 10, 9, 0))


def test_no_gaps_no_recommendations():
    profile = CompanyProfile({"incident-response": 5.0, "authentication": None}, "en", "16")
    assert recommend(profile, LIMITED, NOW) == []


# Properties -------------------------------------------------------------------------------------

SETTINGS = settings(max_examples=100, deadline=None)
TOPICS = ["authentication", "backup-recovery", "incident-response", "patching", "web-security"]
REGIONS = ["02", "16", "17"]

maturities = st.one_of(st.none(), st.integers(0, 20).map(lambda quarters: quarters / 4))  # 0, 0.25 .. 5: ties happen
profiles = st.builds(CompanyProfile, topics=st.dictionaries(st.sampled_from(TOPICS), maturities),
                     language=st.sampled_from(["fr", "en"]), region=st.sampled_from(REGIONS))


def events(first_day=-3):
    return st.builds(
        EventInfo, id=st.integers(1, 50), starts_at=st.integers(first_day, 10).map(lambda d: NOW + timedelta(days=d)),
        topics=st.lists(st.sampled_from(TOPICS), max_size=3).map(tuple),
        language=st.sampled_from(["fr", "en", "bilingual"]), region=st.sampled_from([None, *REGIONS]),
        seats_left=st.integers(0, 3), kind=st.sampled_from(["circle", "training", "webinar"]),
    )


event_lists = st.lists(events(), max_size=8, unique_by=lambda event: event.id)
thresholds = st.integers(0, 20).map(lambda quarters: quarters / 4)


@SETTINGS
@given(profile=profiles, others=event_lists, base=events(first_day=1), data=st.data())
def test_a_more_severe_gap_never_ranks_below_a_milder_one(profile, others, base, data):
    severe, mild = sorted(data.draw(st.lists(st.integers(0, 11), min_size=2, max_size=2, unique=True)))
    profile = replace(profile, topics={**profile.topics, "patching": severe / 4, "backup-recovery": mild / 4})
    severe_id, mild_id = data.draw(st.permutations([101, 102]))  # either may have the smaller id
    base = replace(base, language=profile.language)  # another language would leave both out
    severe_event = replace(base, id=severe_id, topics=("patching",))
    mild_event = replace(base, id=mild_id, topics=("backup-recovery",))
    ids = ranked_ids(data.draw(st.permutations([*others, severe_event, mild_event])), profile=profile)
    assert ids.index(severe_id) < ids.index(mild_id)


@SETTINGS
@given(profile=profiles, events=event_lists.filter(bool), data=st.data())
def test_seats_on_a_full_event_never_move_it_down(profile, events, data):
    index = data.draw(st.integers(0, len(events) - 1))
    event_id = events[index].id
    full = [*events[:index], replace(events[index], seats_left=0), *events[index + 1:]]
    with_seats = [*events[:index], replace(events[index], seats_left=data.draw(st.integers(1, 5))), *events[index + 1:]]
    before, after = ranked_ids(full, profile=profile), ranked_ids(with_seats, profile=profile)
    assert (event_id in before) == (event_id in after)
    if event_id in before:
        assert after.index(event_id) <= before.index(event_id)


@SETTINGS
@given(profile=profiles, events=event_lists, threshold=thresholds)
def test_exactly_the_upcoming_relevant_events_are_recommended(profile, events, threshold):
    def is_gap(topic):
        maturity = profile.topics.get(topic)
        return maturity is not None and maturity < threshold

    expected = {event.id for event in events if event.starts_at > NOW and any(map(is_gap, event.topics))
                and event.language in (profile.language, "bilingual")}
    result = recommend(profile, events, NOW, threshold=threshold)
    assert {r.event_id for r in result} == expected
    assert len(result) == len(expected)
    by_id = {event.id: event for event in events}
    for r in result:
        assert r.topic in by_id[r.event_id].topics and is_gap(r.topic)
        assert r.maturity == profile.topics[r.topic] and r.severity == threshold - r.maturity


@SETTINGS
@given(profile=profiles, events=event_lists, limit=st.none() | st.integers(0, 8), data=st.data())
def test_input_order_of_events_does_not_matter(profile, events, limit, data):
    shuffled = data.draw(st.permutations(events))
    assert recommend(profile, shuffled, NOW, limit=limit) == recommend(profile, events, NOW, limit=limit)

"""What the organizer reads about a mailing: sending, sent to all, or failed for some (hand-computed table)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aluqsec.events.delivery import FAILED, SENDING, SENT, delivery


@pytest.mark.parametrize("total,sent,active,state,unsent", [
    (12, 0, True, SENDING, 12),    # queued, nobody written to yet
    (12, 7, True, SENDING, 5),     # half way
    (12, 12, True, SENT, 0),       # all written to, the job is closing
    (12, 12, False, SENT, 0),
    (12, 9, False, FAILED, 3),     # the job gave up (or was purged) with three people left
    (0, 0, False, SENT, 0),        # nobody was registered
    (1, 0, False, FAILED, 1),
])
def test_delivery_table(total, sent, active, state, unsent):
    result = delivery(total, sent, active)
    assert (result.state, result.unsent, result.sent, result.total) == (state, unsent, sent, total)


@pytest.mark.parametrize("total,sent", [(3, 4), (3, -1)])
def test_counts_outside_the_list_are_refused(total, sent):
    with pytest.raises(ValueError):
        delivery(total, sent, True)


@given(st.integers(0, 500).flatmap(lambda total: st.tuples(st.just(total), st.integers(0, total))), st.booleans())
def test_sent_is_said_only_when_everyone_got_it_and_failed_only_once_the_job_ended(counts, active):
    total, sent = counts
    state = delivery(total, sent, active).state
    assert (state == SENT) == (sent == total)
    assert (state == FAILED) == (sent < total and not active)

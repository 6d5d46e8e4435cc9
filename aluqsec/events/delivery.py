"""How far a mailing to an event's registrants went, in the words the organizer reads (pure)."""
from dataclasses import dataclass

SENDING, SENT, FAILED = "sending", "sent", "failed"


@dataclass(frozen=True)
class Delivery:
    """A mailing's state: ``sending`` (``sent`` of ``total`` so far), ``sent`` (to all), or ``failed``
    (``unsent`` people did not get it once its job gave up or ended)."""

    state: str
    sent: int
    total: int

    @property
    def unsent(self):
        return self.total - self.sent


def delivery(total, sent, active):
    """Return the :class:`Delivery` of a mailing to *total* people of whom *sent* got it.

    :param active: its job is queued or running (it may still reach the others).
    """
    if not 0 <= sent <= total:
        raise ValueError("sent must be between 0 and total")
    if sent == total:
        return Delivery(SENT, sent, total)
    return Delivery(SENDING if active else FAILED, sent, total)

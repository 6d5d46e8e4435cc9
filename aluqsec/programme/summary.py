"""Feedback results per event and attendance certificate codes (pure: no Flask, no database)."""
import base64
import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass

MIN_GROUP = 5  # free text is shown only when at least this many people answered
SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Answer:
    usefulness: int
    will_apply: str
    topics_wanted: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackSummary:
    sent: int
    answered: int
    usefulness: tuple[int, ...]  # how many answered 1, 2, 3, 4, 5
    mean: float | None
    topics: tuple[tuple[str, int], ...]  # most wanted first, then by slug
    comments: tuple[str, ...] | None  # None: fewer than MIN_GROUP answers, withheld

    @property
    def rate(self):
        """Return the share of surveys answered, 0–100, or None when none was sent."""
        return None if not self.sent else 100 * self.answered / self.sent


def summarise(sent, answers, min_group=MIN_GROUP):
    """Summarise an event's feedback.

    :param sent: how many surveys were sent.
    :param answers: the :class:`Answer` received (each attendee answers once).
    :param min_group: the smallest number of answers whose free text may be shown.
    :return: a :class:`FeedbackSummary`; free text is withheld below *min_group* answers so that
        no one's words can be traced back to them in a small circle.
    """
    counts = Counter(answer.usefulness for answer in answers)
    topics = Counter(topic for answer in answers for topic in set(answer.topics_wanted))
    texts = tuple(sorted(answer.will_apply.strip() for answer in answers if answer.will_apply.strip()))
    return FeedbackSummary(
        sent=sent, answered=len(answers), usefulness=tuple(counts.get(level, 0) for level in SCALE),
        mean=sum(answer.usefulness for answer in answers) / len(answers) if answers else None,
        topics=tuple(sorted(topics.items(), key=lambda item: (-item[1], item[0]))),
        comments=texts if len(answers) >= min_group else None)


def _signature(registration_id, secret):
    digest = hmac.new(secret.encode(), f"certificate:{registration_id}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:10]).decode().lower()  # 16 characters, 80 bits


def certificate_code(registration_id, secret):
    """Return the short public code of a certificate: the registration id and its signature.

    >>> certificate_code(42, "k") == certificate_code(42, "k") != certificate_code(43, "k")
    True
    """
    return f"{registration_id}-{_signature(registration_id, secret)}"


def read_certificate_code(code, secret):
    """Return the registration id a code names, or None when it is malformed or its signature is wrong."""
    number, _, signature = (code or "").partition("-")
    if not number.isdigit() or len(number) > 12 or len(signature) != 16:
        return None
    registration_id = int(number)
    return registration_id if hmac.compare_digest(signature, _signature(registration_id, secret)) else None

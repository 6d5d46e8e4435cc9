"""Organizers' messages and cancellation notices leave the request: a worker sends them, each person once.

Every test goes through a real SMTP server (aiosmtpd on loopback) and the real worker on the
test database (SQLite, or PostgreSQL with ALUQSEC_TEST_DATABASE_URL).
"""
from html import unescape

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from aluqsec.auth.models import Role
from aluqsec.events.mailings import send_mailing
from aluqsec.events.models import Event, EventMailing, MailingRecipient
from aluqsec.events.services import cancel_registration, register
from aluqsec.extensions import db
from aluqsec.jobs import queue
from aluqsec.jobs.models import Job, JobState
from aluqsec.mail.models import OutboxMessage
from aluqsec.models import utcnow

from ..conftest import Inbox, csrf_token, free_port, login, post
from .assessment_helpers import text
from .concurrency import at_once
from .job_helpers import run_jobs

NOTE = {"subject": "Stationnement", "body": "Entrez par la porte 3."}


@pytest.fixture
def organizer(client, make):
    make.make_user(email="org@example.ca", name="Nadia Côté", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    return client


def _registered(make, count, capacity=None, prefix="p", **event):
    """An event with *count* people registered (French, every third in English); the last ones wait."""
    event = make.make_event(capacity=capacity or count, **event)
    people = [make.make_user(email=f"{prefix}{n}@example.ca", name=f"Personne {n}",
                             language="en" if n % 3 == 2 else "fr") for n in range(count)]
    for person in people:
        register(event, person, None)
    db.session.commit()
    return event, people


def _recipients(inbox):
    return sorted(message["To"] for message in inbox.messages)


def _page(client, event):
    return unescape(text(client.get(f"/organizer/events/{event.id}").get_data(as_text=True)))


class FlakyInbox(Inbox):
    """A real SMTP server that refuses the messages numbered in *refuse* (1-based), then accepts again."""

    def __init__(self, refuse):
        super().__init__()
        self.refuse, self.seen = set(refuse), 0

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.seen in self.refuse:
            return "451 Requested action aborted: try again later"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def flaky_smtp(app):
    """Start a FlakyInbox refusing the given message numbers; the app sends through it."""
    started = []

    def start(*refuse):
        inbox = FlakyInbox(refuse)
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
        controller.start()
        started.append(controller)
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
        return inbox

    old = {key: app.config.get(key) for key in ("SMTP_HOST", "SMTP_PORT")}
    yield start
    app.config.update(old)
    for controller in started:
        controller.stop()


def test_the_post_sends_nothing_and_the_worker_sends_each_person_one_message_in_their_language(
        organizer, make, smtp_server):
    event, people = _registered(make, 4, capacity=3)  # three confirmed, one waiting
    gone = make.make_user(email="gone@example.ca")
    cancel_registration(register(event, gone, None))
    db.session.commit()
    response = post(organizer, f"/organizer/events/{event.id}/message", NOTE, follow_redirects=True)
    assert response.status_code == 200
    flash = "Message mis en file d'envoi pour 4 personnes : l'envoi est en cours."
    assert flash in text(response.get_data(as_text=True))
    assert smtp_server.messages == []
    assert "Envoi : 0 sur 4" in _page(organizer, event)

    late = make.make_user(email="late@example.ca")  # registers after Send: not on the list
    register(event, late, None)
    db.session.commit()
    assert run_jobs(organizer.application) == 1
    assert _recipients(smtp_server) == sorted(p.email for p in people)
    assert {m["Subject"] for m in smtp_server.messages} == {"Stationnement"}
    bodies = {m["To"]: m.get_content() for m in smtp_server.messages}
    assert "Message de Nadia Côté au sujet de « Atelier" in bodies["p0@example.ca"]
    assert "Message from Nadia Côté about “Incident response workshop”." in bodies["p2@example.ca"]
    assert "Entrez par la porte 3." in bodies["p2@example.ca"]
    assert "Envoyé à 4 personnes" in _page(organizer, event)
    assert run_jobs(organizer.application) == 0 and len(smtp_server.messages) == 4


def test_the_request_costs_the_same_queries_for_two_people_as_for_forty(organizer, make, smtp_server, count_queries):
    counts = []
    for size in (2, 40):
        event, _people = _registered(make, size, prefix=f"s{size}-")
        token = csrf_token(organizer)
        with count_queries() as counter:
            response = organizer.post(f"/organizer/events/{event.id}/message", data={**NOTE, "csrf_token": token})
        assert response.status_code == 302
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert smtp_server.messages == []


def test_a_try_cut_short_after_two_people_is_resumed_without_writing_to_them_again(
        app, organizer, make, flaky_smtp, monkeypatch):
    inbox = flaky_smtp(3)  # the relay refuses the third message once
    monkeypatch.setitem(app.config, "JOBS_BACKOFF_SECONDS", 600)
    event, people = _registered(make, 5)
    post(organizer, f"/organizer/events/{event.id}/message", NOTE)
    assert run_jobs(app) == 1
    assert _recipients(inbox) == ["p0@example.ca", "p1@example.ca"]
    job = db.session.scalar(select(Job))
    assert job.state == JobState.QUEUED and job.attempts == 1  # waits its back-off before the next try
    assert "Envoi : 2 sur 5" in _page(organizer, event)

    db.session.execute(update(Job).values(run_after=utcnow()))
    db.session.commit()
    assert run_jobs(app) == 1
    assert _recipients(inbox) == sorted(p.email for p in people)  # each once: 5 messages for 5 people
    assert "Envoyé à 5 personnes" in _page(organizer, event)
    refused = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "failed"))
    assert refused == 1


def test_a_job_whose_worker_died_is_taken_over_and_skips_whoever_was_already_written_to(
        app, organizer, make, smtp_server):
    event, people = _registered(make, 5)
    post(organizer, f"/organizer/events/{event.id}/message", NOTE)
    job = queue.claim("worker-that-dies")
    mailing = db.session.scalar(select(EventMailing))

    class Died(BaseException):
        pass

    def dies_after_two(percent):
        if percent >= 40:
            raise Died

    with app.test_request_context(), pytest.raises(Died):
        send_mailing(mailing, dies_after_two)
    db.session.rollback()
    assert _recipients(smtp_server) == ["p0@example.ca", "p1@example.ca"]
    db.session.execute(update(Job).where(Job.id == job.id).values(locked_until=utcnow()))  # its lease runs out
    db.session.commit()
    assert run_jobs(app, name="second-worker") == 1
    assert _recipients(smtp_server) == sorted(p.email for p in people)
    db.session.expire_all()
    assert db.session.get(Job, job.id).state == JobState.DONE


def test_a_slow_worker_whose_job_was_taken_over_skips_whoever_the_other_worker_wrote_to(
        app, organizer, make, smtp_server):
    event, people = _registered(make, 4)
    post(organizer, f"/organizer/events/{event.id}/message", NOTE)
    mailing_id = db.session.scalar(select(EventMailing.id))
    taken_over = []

    def slow_worker_progress(percent):
        # The slow worker paused after its first message; meanwhile a second worker ran the whole list.
        if not taken_over:
            taken_over.append(send_mailing(db.session.get(EventMailing, mailing_id), lambda _percent: None))

    with app.test_request_context():
        sent_by_slow_worker = send_mailing(db.session.get(EventMailing, mailing_id), slow_worker_progress)
    assert (sent_by_slow_worker, taken_over) == (1, [3])
    assert _recipients(smtp_server) == sorted(p.email for p in people)


def test_a_person_being_written_to_when_the_worker_died_is_not_written_to_again(app, organizer, make, smtp_server):
    event, people = _registered(make, 3)
    post(organizer, f"/organizer/events/{event.id}/message", NOTE)
    first = db.session.scalar(select(MailingRecipient).order_by(MailingRecipient.id))
    # The dead worker had recorded the first person as being written to; whether the relay took it is unknown.
    db.session.execute(update(MailingRecipient).where(MailingRecipient.id == first.id).values(status="sending"))
    db.session.commit()
    assert run_jobs(app) == 1
    assert _recipients(smtp_server) == ["p1@example.ca", "p2@example.ca"]
    assert "Échec pour 1 personne (envoyé à 2 sur 3)" in _page(organizer, event)
    # Nor by the organizer's "try again": nobody is left that a new try would write to.
    mailing = db.session.scalar(select(EventMailing))
    again = post(organizer, f"/organizer/events/{event.id}/mailings/{mailing.id}/retry", follow_redirects=True)
    assert "Ce message n'attend pas de nouvel essai." in text(again.get_data(as_text=True))
    assert run_jobs(app) == 0 and len(smtp_server.messages) == 2


def test_the_same_message_posted_twice_at_once_is_queued_and_sent_once(app, organizer, make, smtp_server):
    event, people = _registered(make, 3)
    browsers = [organizer, app.test_client()]
    login(browsers[1], "org@example.ca")
    url, statuses = f"/organizer/events/{event.id}/message", []

    def send(pair):
        browser, token = pair
        statuses.append(browser.post(url, data={**NOTE, "csrf_token": token}).status_code)

    errors = at_once(app, send, browsers, before=lambda browser: (browser, csrf_token(browser)))
    assert errors == [] and statuses == [302, 302]
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1
    assert db.session.scalar(select(func.count()).select_from(EventMailing)) == 1
    run_jobs(app)
    assert _recipients(smtp_server) == sorted(p.email for p in people)


def test_cancelling_marks_the_event_at_once_and_the_worker_sends_the_notices(organizer, make, smtp_server):
    event, people = _registered(make, 3)
    response = post(organizer, f"/organizer/events/{event.id}/cancel", {"confirm": "yes"}, follow_redirects=True)
    assert ("Activité annulée; l'avis est en file d'envoi pour 3 personnes : l'envoi est en cours."
            in text(response.get_data(as_text=True)))
    db.session.expire_all()
    assert db.session.get(Event, event.id).is_cancelled
    assert smtp_server.messages == []
    run_jobs(organizer.application)
    subjects = {m["To"]: m["Subject"] for m in smtp_server.messages}
    assert sorted(subjects) == sorted(p.email for p in people)
    assert subjects["p0@example.ca"].endswith("est annulée") and subjects["p2@example.ca"].endswith("is cancelled")
    assert "Avis d'annulation" in _page(organizer, event)


def test_cancelling_twice_at_once_sends_one_notice_each(app, organizer, make, smtp_server):
    event, people = _registered(make, 2)
    browsers = [organizer, app.test_client()]
    login(browsers[1], "org@example.ca")
    url = f"/organizer/events/{event.id}/cancel"

    def cancel(pair):
        browser, token = pair
        assert browser.post(url, data={"confirm": "yes", "csrf_token": token}).status_code == 302

    assert at_once(app, cancel, browsers, before=lambda browser: (browser, csrf_token(browser))) == []
    assert db.session.scalar(select(func.count()).select_from(EventMailing)) == 1
    run_jobs(app)
    assert _recipients(smtp_server) == sorted(p.email for p in people)


@pytest.mark.parametrize("language,sent,failed", [
    ("fr", "Envoyé à 2 personnes", "Échec pour 2 personnes (envoyé à 0 sur 2)"),
    ("en", "Sent to 2 people", "Failed for 2 people (sent to 0 of 2)"),
])
def test_the_event_page_says_how_each_mailing_went_in_the_organizers_language(
        app, client, make, smtp_server, monkeypatch, language, sent, failed):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER], language=language)
    login(client, "org@example.ca")
    event, _people = _registered(make, 2)
    post(client, f"/organizer/events/{event.id}/message", {"subject": "Première note", "body": "Porte 3."})
    run_jobs(app)
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # the relay is down: every try is refused
    post(client, f"/organizer/events/{event.id}/message", {"subject": "Seconde note", "body": "Porte 4."})
    sending = _page(client, event)
    assert ("Envoi : 0 sur 2" if language == "fr" else "Sending: 0 of 2") in sending
    run_jobs(app)  # no wait between tries in tests: the job uses its five tries and gives up
    page = _page(client, event)
    assert sent in page and failed in page
    assert db.session.scalar(select(func.count()).select_from(Job).where(Job.state == JobState.FAILED)) == 1


def test_a_mailing_that_gave_up_is_tried_again_for_the_people_it_did_not_reach_only(
        app, organizer, make, flaky_smtp, monkeypatch):
    inbox = flaky_smtp(3, 4, 5, 6, 7)  # the relay refuses the third message and every try of it after
    monkeypatch.setitem(app.config, "JOBS_BACKOFF_SECONDS", 0)
    event, people = _registered(make, 4)
    post(organizer, f"/organizer/events/{event.id}/message", NOTE)
    run_jobs(app)  # five tries, then the job gives up
    assert _recipients(inbox) == ["p0@example.ca", "p1@example.ca"]
    page = _page(organizer, event)
    assert "Échec pour 2 personnes (envoyé à 2 sur 4)" in page
    assert "Essayer à nouveau pour les 2 personnes non jointes" in page

    mailing = db.session.scalar(select(EventMailing))
    retry = f"/organizer/events/{event.id}/mailings/{mailing.id}/retry"
    response = post(organizer, retry, follow_redirects=True)
    assert "Nouvel essai en file d'envoi pour les 2 personnes non jointes." in text(response.get_data(as_text=True))
    assert "Envoi : 2 sur 4" in _page(organizer, event)
    assert run_jobs(app) == 1
    assert _recipients(inbox) == sorted(p.email for p in people)  # p0 and p1 once, the two others now
    assert "Envoyé à 4 personnes" in _page(organizer, event)
    assert db.session.scalar(select(func.count()).select_from(EventMailing)) == 1

    again = post(organizer, retry, follow_redirects=True)  # nothing left to try: nothing queued
    assert "Ce message n'attend pas de nouvel essai." in text(again.get_data(as_text=True))
    assert run_jobs(app) == 0 and len(inbox.messages) == 4


def test_a_retry_is_refused_for_another_event_s_mailing(app, organizer, make, smtp_server):
    event, _people = _registered(make, 1)
    other, _others = _registered(make, 1, prefix="o")
    post(organizer, f"/organizer/events/{other.id}/message", NOTE)
    mailing = db.session.scalar(select(EventMailing))
    assert post(organizer, f"/organizer/events/{event.id}/mailings/{mailing.id}/retry").status_code == 404
    assert post(organizer, f"/organizer/events/{event.id}/mailings/999999/retry").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1


@pytest.mark.parametrize("language,refused,cancelled", [
    ("fr", "Personne n'est inscrit ni en attente pour cette activité : le message n'a pas été envoyé.",
     "Activité annulée. Personne n'était inscrit ni en attente : il n'y a pas d'avis à envoyer."),
    ("en", "Nobody is registered or waiting for this event: the message was not sent.",
     "Event cancelled. Nobody was registered or waiting: there is no notice to send."),
])
def test_with_nobody_registered_nothing_is_queued_and_the_typed_message_stays(
        app, client, make, smtp_server, language, refused, cancelled):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER], language=language)
    login(client, "org@example.ca")
    event = make.make_event()
    response = post(client, f"/organizer/events/{event.id}/message", NOTE)
    assert response.status_code == 409
    page = unescape(text(response.get_data(as_text=True)))
    assert refused in page and 'value="Stationnement"' in response.get_data(as_text=True)
    assert "Entrez par la porte 3." in page
    response = post(client, f"/organizer/events/{event.id}/cancel", {"confirm": "yes"}, follow_redirects=True)
    assert cancelled in unescape(text(response.get_data(as_text=True)))
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0
    assert db.session.scalar(select(func.count()).select_from(EventMailing)) == 0
    assert run_jobs(app) == 0 and smtp_server.messages == []

"""Run the same work in several threads released at one moment, as simultaneous requests would."""
import threading

from aluqsec.extensions import db


def at_once(app, work, arguments, before=lambda argument: argument):
    """Call ``work(before(argument))`` for each argument in its own thread and app context, then commit.

    Each thread runs *before* (loading what a request would have loaded), waits for the
    others, then works. Return the exceptions raised, for the test to assert.
    """
    barrier, errors = threading.Barrier(len(arguments)), []

    def attempt(argument):
        with app.app_context():
            try:
                ready = before(argument)
                barrier.wait(timeout=30)
                work(ready)
                db.session.commit()
            except Exception as error:  # collected and asserted by the test
                errors.append(error)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors

"""Feedback summaries (free text withheld under 5 answers) and certificate codes, worked out by hand."""
import pytest

from aluqsec.programme.summary import Answer, certificate_code, read_certificate_code, summarise


def answers(*rows):
    return [Answer(usefulness, text, tuple(topics)) for usefulness, text, topics in rows]


def test_four_answers_show_figures_but_no_words():
    summary = summarise(6, answers((5, "Tester nos sauvegardes", ["backup-recovery"]), (4, "", []),
                                   (4, "Un plan d'une page", ["incident-response", "backup-recovery"]),
                                   (2, "  ", ["backup-recovery", "backup-recovery"])))
    assert summary.answered == 4 and summary.sent == 6
    assert summary.usefulness == (0, 1, 0, 2, 1)
    assert summary.mean == 15 / 4  # (5 + 4 + 4 + 2) / 4
    assert summary.topics == (("backup-recovery", 3), ("incident-response", 1))  # one vote per person
    assert summary.comments is None
    assert summary.rate == pytest.approx(100 * 4 / 6)


def test_five_answers_show_the_words_without_blanks_sorted():
    summary = summarise(5, answers((3, "b", []), (3, "a", []), (3, "", []), (3, "c", []), (3, " ", [])))
    assert summary.comments == ("a", "b", "c")
    assert summary.mean == 3


def test_no_answer():
    summary = summarise(0, [])
    assert (summary.answered, summary.mean, summary.rate, summary.comments, summary.topics) == (0, None, None, None, ())


@pytest.mark.parametrize("code", ["", "abc", "12", "12-", "x-abcdefghijklmnop", "12-abcdefghijklmnop",
                                  "1234567890123-abcdefghijklmnop"])
def test_malformed_or_forged_codes_are_refused(code):
    assert read_certificate_code(code, "secret") is None


def test_a_code_reads_back_only_with_its_own_secret_and_id():
    code = certificate_code(42, "secret")
    assert read_certificate_code(code, "secret") == 42
    assert read_certificate_code(code, "other") is None
    signature = code.split("-")[1]
    assert read_certificate_code(f"43-{signature}", "secret") is None  # another person's id with this signature
    assert read_certificate_code(code[:-1] + ("a" if code[-1] != "a" else "b"), "secret") is None

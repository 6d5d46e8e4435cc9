"""Pages issue a bounded number of SQL queries, whatever the amount of data."""
from ..conftest import login
from .assessment_helpers import ALL_THREE


def queries(client, count_queries, url):
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200 and counter.count > 0
    return counter.count


def test_questionnaire_page_queries_do_not_grow_with_answers(client, make, count_queries):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    few = make.make_assessment(company, answers={"qs-mfa-all": "1"})
    many = make.make_assessment(company, answers=ALL_THREE)
    login(client, "o@example.ca")
    for domain in ("access", "devices-network"):
        assert queries(client, count_queries, f"/assessments/{few.id}/domains/{domain}") == \
            queries(client, count_queries, f"/assessments/{many.id}/domains/{domain}")


def test_results_and_dashboard_queries_do_not_grow_with_history(client, make, count_queries):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    first = make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1"}, submitted=True)
    login(client, "o@example.ca")
    before = {url: queries(client, count_queries, url) for url in
              (f"/assessments/{first.id}/results", "/", f"/companies/{company.id}/plan",
               f"/companies/{company.id}/assessments")}
    for level in ("0", "2", "1", "2", "0"):
        latest = make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": level, "qs-backups": level},
                                      submitted=True)
    after = {url.replace(str(first.id), str(latest.id)) if "results" in url else url: count
             for url, count in before.items()}
    for url, count in after.items():
        assert queries(client, count_queries, url) == count, url

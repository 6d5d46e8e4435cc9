"""Long lists come in pages: the events list and the advisor's portfolio; bad page arguments are a 4xx."""
import re

from aluqsec.auth.models import Role

from ..conftest import login


def test_events_list_shows_24_events_a_page_and_keeps_filters_across_pages(client, make):
    for number in range(30):
        make.make_event(days_ahead=5 + number, title_fr=f"Atelier {number:02d}", language="fr")
    make.make_event(days_ahead=3, title_fr="Atelier anglais", language="en")
    first = client.get("/events?language=fr").get_data(as_text=True)
    second = client.get("/events?language=fr&page=2").get_data(as_text=True)
    shown_first = re.findall(r"Atelier \d\d", first)
    shown_second = re.findall(r"Atelier \d\d", second)
    assert sorted(set(shown_first)) == [f"Atelier {n:02d}" for n in range(24)]
    assert sorted(set(shown_second)) == [f"Atelier {n:02d}" for n in range(24, 30)]
    assert "Atelier anglais" not in first + second
    assert "30 événements à venir · page 1 sur 2" in first
    assert 'href="/events?page=2&amp;language=fr"' in first or 'href="/events?language=fr&amp;page=2"' in first
    assert client.get("/events?page=abc").status_code == 400
    assert client.get("/events?page=0").status_code == 400
    assert client.get("/events?language=fr&page=3").status_code == 404


def test_portfolio_shows_50_companies_a_page_sorted_across_pages(client, make):
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])
    for number in range(53):
        make.make_grant(make.make_company(legal_name=f"Alu {number:02d} inc."), advisor)
    login(client, "adv@example.ca")
    first = client.get("/advisor/portfolio?sort=name").get_data(as_text=True)
    second = client.get("/advisor/portfolio?sort=name&page=2").get_data(as_text=True)
    assert re.findall(r"Alu \d\d inc\.", first) == [f"Alu {n:02d} inc." for n in range(50)]
    assert re.findall(r"Alu \d\d inc\.", second) == [f"Alu {n:02d} inc." for n in range(50, 53)]
    assert "53 entreprises vous ont donné accès · page 2 sur 2" in second
    for bad in ("sort=bogus", "region=99", "sector=x", "page=-1", "page=x"):
        assert client.get(f"/advisor/portfolio?{bad}").status_code == 400, bad
    assert client.get("/advisor/portfolio?page=3").status_code == 404

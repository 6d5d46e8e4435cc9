"""Events recommended from a company's gaps; organizers' demand view with small groups hidden."""
from aluqsec.auth.models import Role
from aluqsec.recommendations.services import demand_table

from ..conftest import login, post
from .assessment_helpers import ALL_THREE, table_rows, text

WEAK_BACKUPS = {**ALL_THREE, "qs-backups": "1"}  # backup-recovery maturity drops below 3


def test_event_matching_a_gap_is_recommended_with_its_reason(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_assessment(company, answers=WEAK_BACKUPS, submitted=True)
    backups = make.make_event(title_fr="Cercle sauvegardes", topics=("backup-recovery",))
    make.make_event(title_fr="Atelier sans rapport", topics=("web-security",))
    login(client, "o@example.ca")
    events_page = text(client.get("/events").get_data(as_text=True))
    recommended = events_page.split("Recommandé pour vous")[1].split("À venir")[0]
    assert "Cercle sauvegardes" in recommended and "Atelier sans rapport" not in recommended
    assert "Votre maturité en « Sauvegarde et reprise » est de" in recommended
    dashboard = text(client.get("/").get_data(as_text=True))
    assert "Cercle sauvegardes" in dashboard
    post(client, f"/events/{backups.id}/register")
    recommended = text(client.get("/events").get_data(as_text=True)).split("À venir")[0]
    assert "Cercle sauvegardes" not in recommended  # already registered: no longer recommended


def make_companies(make, count, region, sector="transformation", answers=WEAK_BACKUPS):
    for _ in range(count):
        company = make.make_company(region=region, sector=sector, verified=True)
        make.make_assessment(company, answers=answers, submitted=True)


def test_demand_counts_companies_and_hides_groups_under_five(client, make):
    make_companies(make, 6, "02")
    make_companies(make, 3, "16", sector="aerospace-supplier")
    make_companies(make, 2, "17", answers=ALL_THREE)  # no gap
    make.make_event(topics=("backup-recovery",), capacity=12, region="02")
    table = demand_table()
    backups = table["backup-recovery"]
    assert backups.companies == 9
    # 16 (3) and 17 (0 with a gap) are hidden; two hidden cells: 9 - 6 gives only their sum
    assert backups.by_region == {"02": 6, "16": None, "17": None}
    assert backups.by_sector == {"aerospace-supplier": None, "transformation": None}
    assert backups.seats == 12
    assert table["web-security"].companies is None  # nobody: shown as "fewer than 5" too
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    html = client.get("/organizer/demand").get_data(as_text=True)
    rows = table_rows(html)
    assert ["Sauvegarde et reprise", "9", "12"] in rows
    assert "moins de 5" in html
    assert " inc." not in html  # never a company name


def test_demand_shows_groups_of_five_or_more(make):
    make_companies(make, 5, "02")
    make_companies(make, 7, "16")
    backups = demand_table()["backup-recovery"]
    assert (backups.companies, backups.by_region) == (12, {"02": 5, "16": 7})


def test_a_lone_hidden_cell_takes_another_with_it(make):
    make_companies(make, 6, "02")
    make_companies(make, 3, "16")
    # with 16 (3) alone hidden, 9 - 6 would give it back: 02 is hidden as well
    assert demand_table()["backup-recovery"].by_region == {"02": None, "16": None}

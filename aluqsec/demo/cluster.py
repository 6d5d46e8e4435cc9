"""More member companies with a submitted quick scan, so that the demand view has real groups."""
import random

from sqlalchemy import select

from ..actions.services import sync_with_gaps
from ..assessments.services import save_entries, start_assessment, submit
from ..auth.services import create_user, find_user
from ..companies.models import Company
from ..companies.services import create_company
from ..extensions import db
from ..models import utcnow
from ..questionnaires.services import get_bank
from .assessments import _answers

SECTORS = ["transformation", "primary-aluminium", "equipment-services", "aerospace-supplier", "transformation"]
REGIONS = ["02", "02", "16", "17", "02", "16", "03", "17", "16", "02", "12", "16", "02", "17", "04", "16", "02", "05"]
NAMES = ["Extrusions Jonquière", "Usinage Alma", "Fonderie Rive-Sud", "Profilés Bécancour", "Anodisation Roberval",
         "Alu-Métal Granby", "Structures Lévis", "Moules Nicolet", "Aéro-Pièces Longueuil", "Soudure Chicoutimi",
         "Laminage Beauce", "Composantes Boucherville", "Traitements Saguenay", "Tôlerie Drummond", "Coulée Mauricie",
         "Assemblages Varennes", "Outillage Lac-Saint-Jean", "Finition Estrie"]


def load_cluster(password):
    """Create the synthetic member companies that do not exist yet; return how many."""
    created, quick_scan = 0, get_bank().latest("quick-scan")
    for number, name in enumerate(NAMES, start=1):
        neq = f"22{number:08d}"
        if db.session.scalar(select(Company.id).where(Company.neq == neq)) is not None:
            continue
        email = f"membre{number}@demo.aluqsec.ca"
        owner = find_user(email) or create_user(email, f"Responsable {number}", password)
        company = create_company(owner, legal_name=f"{name} inc.", neq=neq, sector=SECTORS[number % len(SECTORS)],
                                 region=REGIONS[number - 1], size_band="10-49", certifications=["cybersecure-canada"],
                                 language="fr")
        if number <= len(NAMES) - 2:  # the last two wait in the organizers' verification queue
            company.verified_at = utcnow()
        assessment = start_assessment(company, quick_scan, company.certifications, owner)
        rng = random.Random(neq)
        save_entries(assessment, _answers(quick_scan, rng, rng.uniform(1.0, 3.2), 1.0), owner, {})
        sync_with_gaps(assessment, submit(assessment, owner))
        created += 1
    db.session.flush()
    return created

"""Demo companies and one account per role."""
from sqlalchemy import select

from ..auth.models import Role
from ..auth.services import create_user, find_user
from ..companies.models import Company, CompanyRole
from ..companies.services import add_member, create_company
from ..extensions import db
from ..models import utcnow

COMPANIES = [
    dict(legal_name="Alu-Saguenay Extrusion inc.", neq="1160000017", sector="transformation",
         region="02", size_band="50-99", certifications=["cybersecure-canada", "cpcsc-l1"], language="fr"),
    dict(legal_name="Moulage Précis Bécancour ltée", neq="1170000024", sector="aerospace-supplier",
         region="17", size_band="10-49", certifications=["cmmc-l1", "cpcsc-l1"], language="fr"),
    dict(legal_name="Laurentian Aluminium Services Ltd.", neq="1180000031", sector="equipment-services",
         region="15", size_band="10-49", certifications=["cybersecure-canada"], language="en"),
]

ACCOUNTS = [
    ("owner@demo.aluqsec.ca", "Marie Tremblay", (), "1160000017"),
    ("member@demo.aluqsec.ca", "Luc Gagnon", (), "1160000017"),
    ("owner2@demo.aluqsec.ca", "Sophie Bouchard", (), "1170000024"),
    ("owner3@demo.aluqsec.ca", "James Wilson", (), "1180000031"),
    ("advisor@demo.aluqsec.ca", "Nadia Côté", (Role.ADVISOR,), None),
    ("organizer@demo.aluqsec.ca", "Éric Lavoie", (Role.ORGANIZER,), None),
    ("admin@demo.aluqsec.ca", "Admin AluQSec", (Role.ADMIN,), None),
]


def load_accounts(password):
    """Create the missing demo accounts and companies; return the number created."""
    created = 0
    users = {}
    for email, name, roles, _company in ACCOUNTS:
        user = find_user(email)
        if user is None:
            language = "en" if email.startswith("owner3") else "fr"
            user = create_user(email, name, password, language, roles=roles)
            created += 1
        users[email] = user
    for fields in COMPANIES:
        company = db.session.scalar(select(Company).where(Company.neq == fields["neq"]))
        if company is not None:
            continue
        owner_email = next(e for e, _n, _r, neq in ACCOUNTS if neq == fields["neq"])
        company = create_company(users[owner_email], **fields)
        company.verified_at = utcnow()  # demo members: as if the cluster had checked their NEQ
        created += 1
        for email, _name, _roles, neq in ACCOUNTS:
            if neq == fields["neq"] and email != owner_email:
                add_member(company, users[email], CompanyRole.MEMBER)
    db.session.flush()
    return created

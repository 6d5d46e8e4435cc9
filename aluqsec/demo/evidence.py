"""Demo evidence: a few small generated documents, reviewed or not, one expiring soon, and the signatories."""
from datetime import date, timedelta

from sqlalchemy import select

from ..auth.services import find_user
from ..companies.models import Company
from ..evidence.models import EvidenceItem
from ..evidence.services import create_item, save_attestation, set_review
from ..extensions import db


def pdf(lines):
    """Return a one-page PDF showing *lines* (ASCII text), with a correct cross-reference table."""
    text = "BT /F1 11 Tf 56 780 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines) + " ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("ascii")),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


# (company NEQ, title, kind, file name, contents, targets, age in days, valid for days, review, comment)
ITEMS = [
    ("1160000017", "Plan de réponse aux incidents (signé)", "file", "plan-incidents.pdf",
     pdf(["Alu-Saguenay Extrusion inc. - Plan de reponse aux incidents", "Version 2, signee par Marie Tremblay",
          "1. Detecter  2. Contenir  3. Aviser  4. Retablir  5. Tirer les lecons"]),
     [("cybersecure-canada", "3.1", "incident-plan"), ("law25", "L25-INCIDENTS", "incident-procedure")],
     120, None, "accepted", ""),
    ("1160000017", "Liste des contacts d'urgence", "file", "contacts-urgence.txt",
     "Contacts d'urgence — Alu-Saguenay Extrusion inc.\nTI : Groupe Info-Nord, 418 555-0101\n"
     "Assureur : police cyber 44-1203, 1 800 555-0199\nDirection : Marie Tremblay, 418 555-0100\n".encode(),
     [("cybersecure-canada", "3.1", "incident-contacts")], 340, 365, "accepted", ""),
    ("1160000017", "Rapport des mises à jour Windows", "file", "rapport-mises-a-jour.pdf",
     pdf(["Rapport WSUS - postes du bureau", "42 postes a jour sur 44", "Derniere synchronisation : hier"]),
     [("cybersecure-canada", "3.2", "patch-report"), ("cpcsc-l1", "03.14.01", "patch-report")],
     10, None, "needs-work", "Le rapport ne couvre pas les ordinateurs de l'usine (presses et four) : "
                             "ajoutez-les ou expliquez comment ils sont mis à jour."),
    ("1160000017", "Registre 2026 des incidents (renseignements personnels)", "file", "registre-incidents.csv",
     "date;description;personnes touchées;risque de préjudice sérieux;avis CAI\n"
     "2026-03-12;Courriel de paie envoyé au mauvais destinataire;1;non;non\n".encode(),
     [("law25", "L25-INCIDENT-REGISTER", "incident-register")], 30, None, "pending", ""),
    ("1160000017", "Liste des comptes et de leurs titulaires", "file", "comptes.csv",
     "compte;titulaire;rôle;dernière revue\nmtremblay;Marie Tremblay;direction;2026-09-30\n"
     "lgagnon;Luc Gagnon;TI;2026-09-30\n".encode(),
     [("cpcsc-l1", "03.01.01", "user-account-list")], 60, None, "accepted", ""),
    ("1170000024", "Registre des visiteurs de l'atelier", "note", "", b"",
     [("cmmc-l1", "PE.L1-b.1.ix", "visitor-log"), ("cpcsc-l1", "03.10.07", "visitor-log")],
     15, None, "pending", ""),
]
SIGNATORIES = [("1160000017", "cpcsc-l1", "Marie Tremblay", "Présidente"),
               ("1170000024", "cmmc-l1", "Sophie Bouchard", "Directrice générale")]


def load_evidence():
    """Create the demo evidence and signatories once; return how many records."""
    advisor = find_user("advisor@demo.aluqsec.ca")
    if advisor is None or db.session.scalar(select(EvidenceItem.id).limit(1)) is not None:
        return 0
    companies = {c.neq: c for c in db.session.scalars(select(Company).where(
        Company.neq.in_({row[0] for row in ITEMS})))}
    today = date.today()
    for neq, title, kind, filename, data, targets, age, valid_for, review, comment in ITEMS:
        company = companies[neq]
        owner = company.memberships[0].user
        dated_on = today - timedelta(days=age)
        item = create_item(company, owner, kind=kind, title=title, owner_id=owner.id, dated_on=dated_on,
                           valid_until=dated_on + timedelta(days=valid_for) if valid_for else None,
                           targets=targets, note="Classeur rouge, bureau de la direction" if kind == "note" else "",
                           upload=(filename, data) if kind == "file" else None)
        if review != "pending":
            set_review(item, advisor, review, comment)
    for neq, framework_id, name, title in SIGNATORIES:
        company = companies[neq]
        save_attestation(company, framework_id, company.memberships[0].user, name=name, title=title, signed_on=None)
    db.session.flush()
    return len(ITEMS) + len(SIGNATORIES)

"""The words of a certification verdict, in the user's language (pages, PDF and command line).

The verdict codes come from the pure scoring (``aluqsec.scoring.readiness``); what a "met"
means depends on the framework: a self-assessment still to affirm (CMMC) or attest (CPCSC),
an audit still to pass (CyberSecure Canada), an indicative target (NIST CSF), obligations
self-declared (Law 25).
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

SCOPE_LABELS = {
    "contract_systems": {
        "office": _l("Contract information: office systems only"),
        "office-some-plant": _l("Contract information: office systems and some plant systems"),
        "all": _l("Contract information: all systems, plant floor included"),
    },
    "cui": {True: _l("Receives controlled unclassified information"),
            False: _l("Receives no controlled unclassified information")},
    "controlled_goods": {True: _l("Handles controlled goods"), False: _l("Handles no controlled goods")},
    "controlled_drawings": {True: _l("Receives controlled technical drawings"),
                            False: _l("Receives no controlled technical drawings")},
}


def verdict_label(verdict, confirmation):
    """Return the short verdict of one framework, e.g. "Ready for the certification audit"."""
    if verdict == "met":
        return {
            "affirmation": _("All requirements met in self-assessment: affirmation still required"),
            "attestation": _("All requirements met in self-assessment: attestation still required"),
            "audit": _("Ready for the certification audit"),
        }.get(confirmation, _("All requirements met in self-assessment"))
    if verdict == "reached":
        return {
            "indicative": _("Target reached (indicative)"),
            "self-declared": _("Obligations covered (self-declared; not legal advice)"),
        }.get(confirmation, _("Target reached"))
    if verdict == "incomplete":
        return _("Incomplete")
    if verdict == "partial":
        return _("Target not reached yet")
    return _("Not met")


def count_sentence(row):
    """Return "12 of 15 met, 3 not assessed by this questionnaire: take the full assessment" and the like."""
    # Each count agrees with its own words (French: "1 exigence sur 15 respectée", "2 non évaluées").
    sentence = ngettext("%(num)d of %(total)d met", "%(num)d of %(total)d met", row["met"], total=row["total"])
    not_assessed = len(row["not_assessed"])
    if not_assessed:
        sentence += ngettext(", %(num)d not assessed by this questionnaire: take the full assessment",
                             ", %(num)d not assessed by this questionnaire: take the full assessment", not_assessed)
    return sentence


def rule_sentence(row):
    """Explain in one sentence the rule behind the verdict of a readiness row."""
    values = {"total": row["total"], "threshold": row["threshold"]}
    if row["style"] == "met-not-met":
        rule = _("Rule: all %(total)d requirements must be met; a requirement is met when every question "
                 "serving it reaches level %(threshold)d.", **values)
        then = {
            "affirmation": _("A senior official must then affirm the self-assessment in SPRS every year."),
            "attestation": _("The self-assessment must then be attested every year."),
            "audit": _("Certification then needs an audit by an accredited certification body."),
        }.get(row["confirmation"], "")
        return f"{rule} {then}".strip()
    rule = _("Rule: the share of the %(total)d requirements whose questions all reach level %(threshold)d; "
             "the target is all of them, and this framework has no pass or fail.", **values)
    if row["confirmation"] == "self-declared":
        return f"{rule} {_('Based on your own answers; this is not legal advice.')}"
    return rule


def notes(row):
    """Return the caveats of one readiness row: scope, partial coverage, unverified catalogue."""
    found = []
    if row["out_of_scope"]:
        found.append(ngettext(
            "%(num)d plant-floor question left out: your scope says no plant system handles the contract "
            "information.",
            "%(num)d plant-floor questions left out: your scope says no plant system handles the contract "
            "information.", len(row["out_of_scope"])))
    if row["partly_assessed"]:
        found.append(ngettext("%(num)d requirement is only partly assessed by this questionnaire.",
                              "%(num)d requirements are only partly assessed by this questionnaire.",
                              len(row["partly_assessed"])))
    if row["indicative"] and row["unverified"]:
        found.append(ngettext(
            "Indicative: %(num)d requirement of this framework is not yet verified against the official text.",
            "Indicative: %(num)d requirements of this framework are not yet verified against the official text.",
            len(row["unverified"])))
    return found


def level2_notice():
    """Say in plain words that Level 1 is not enough when controlled information is received."""
    return _("You receive controlled information (controlled unclassified information, controlled goods or "
             "controlled technical drawings): Level 1 is not enough. Your customers will ask for CMMC Level 2 "
             "(U.S. defence contracts) or CPCSC Level 2 (Canadian defence contracts).")

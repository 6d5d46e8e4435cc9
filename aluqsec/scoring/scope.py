"""What an assessment's certification scope says, and which questions it lets count (pure)."""
from dataclasses import dataclass

# Which systems process, store or transmit the contract information (FCI / specified information).
OFFICE = "office"
OFFICE_AND_SOME_PLANT = "office-some-plant"
ALL_SYSTEMS = "all"
CONTRACT_SYSTEMS = (OFFICE, OFFICE_AND_SOME_PLANT, ALL_SYSTEMS)
# Kinds of controlled information that need more than Level 1.
CONTROLLED = ("cui", "controlled_goods", "controlled_drawings")

# The scoping questions as the command line lists and reads them: name -> allowed values.
SCOPING_QUESTIONS = {
    "contract_systems": list(CONTRACT_SYSTEMS),
    "cui": [True, False],
    "controlled_goods": [True, False],
    "controlled_drawings": [True, False],
}


@dataclass(frozen=True)
class Scope:
    """The scoping answers of one assessment; None means not answered yet."""

    contract_systems: str | None = None
    cui: bool | None = None
    controlled_goods: bool | None = None
    controlled_drawings: bool | None = None

    def __post_init__(self):
        if self.contract_systems is not None and self.contract_systems not in CONTRACT_SYSTEMS:
            raise ValueError(f"contract_systems must be one of {', '.join(CONTRACT_SYSTEMS)}, "
                             f"not {self.contract_systems!r}")
        for name in CONTROLLED:
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise ValueError(f"{name} must be true, false or null, not {value!r}")

    @property
    def plant_in_scope(self):
        """Plant systems handle the contract information; unknown counts as yes (never over-claim)."""
        return self.contract_systems != OFFICE

    @property
    def level2_needed(self):
        """Controlled information is received: Level 1 is not enough."""
        return any(getattr(self, name) for name in CONTROLLED)

    def as_dict(self):
        return {"contract_systems": self.contract_systems, **{name: getattr(self, name) for name in CONTROLLED}}


def scope_from(data):
    """Build a Scope from ``{name: value}`` (a file or a stored scorecard); raise ValueError on bad input."""
    if data is None:
        return Scope()
    if not isinstance(data, dict):
        raise ValueError('"scope" must be an object of scoping question: answer')
    unknown = sorted(set(data) - set(SCOPING_QUESTIONS))
    if unknown:
        raise ValueError(f"unknown scoping question '{unknown[0]}'")
    return Scope(**data)


def counts_for(question, framework, scope):
    """Say whether *question* counts toward *framework* under *scope*.

    A framework scoped to the contract information (CMMC / CPCSC Level 1) leaves out
    plant-system questions unless plant systems handle that information.
    """
    if framework.scope == "contract-information" and question.is_plant_system:
        return scope.plant_in_scope
    return True

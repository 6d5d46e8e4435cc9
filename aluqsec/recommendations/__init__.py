"""Events recommended to a company from its gaps, and the organizers' demand view."""

"""Maturity, certification readiness and gap priorities computed from answers."""

"""Advisors: consent grants, portfolio, reviews and coaching records."""
from flask import Blueprint

bp = Blueprint("advisors", __name__)

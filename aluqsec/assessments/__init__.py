"""Assessments: journey, answers, results and action plan."""
from flask import Blueprint

bp = Blueprint("assessments", __name__)

"""Organizers: schedule events, manage registrations, see anonymized demand."""
from flask import Blueprint

bp = Blueprint("organizer", __name__, url_prefix="/organizer")

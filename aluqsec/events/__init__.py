"""Sharing circles and training events: scheduling, registration, calendars, reminders."""
from flask import Blueprint

bp = Blueprint("events", __name__)

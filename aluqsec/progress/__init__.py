"""Progress toward certification: history, journeys, benchmark."""
from flask import Blueprint

bp = Blueprint("progress", __name__)

"""Law 25 in our own house: privacy notice and consent, export, deletion, retention, backups."""
from flask import Blueprint

bp = Blueprint("privacy", __name__, url_prefix="/privacy")

from flask import Blueprint

bp = Blueprint("questionnaires", __name__, url_prefix="/questionnaires")

"""Evidence per requirement: the company's documents, links and notes, their review, the audit pack."""
from flask import Blueprint

bp = Blueprint("evidence", __name__, url_prefix="/evidence")

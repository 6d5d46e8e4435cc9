"""PDF reports rendered with WeasyPrint."""
from flask import Blueprint

bp = Blueprint("reporting", __name__)

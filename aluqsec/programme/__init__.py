"""The cluster's programme: feedback after events, attendance certificates, and (later) its impact figures."""
from flask import Blueprint

bp = Blueprint("programme", __name__)

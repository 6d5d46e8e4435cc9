"""The action plan: remediation steps with assignee, due date and status."""
from flask import Blueprint

bp = Blueprint("actions", __name__)

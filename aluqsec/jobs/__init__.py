"""Long work off the request: a job queue kept in the application's database, and its worker."""
from flask import Blueprint

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

from flask import Blueprint

bp = Blueprint("companies", __name__, url_prefix="/companies")

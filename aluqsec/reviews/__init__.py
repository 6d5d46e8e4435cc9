"""Advisor reviews: comment threads, validated levels, reviewed assessments."""
from flask import Blueprint

bp = Blueprint("reviews", __name__)

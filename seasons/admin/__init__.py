"""The staff side of seasons, calls and applications, one module per subject."""

from . import applications, award, call_forms, committee, emails, reviews, seasons

__all__ = ["applications", "award", "call_forms", "committee", "emails", "reviews", "seasons"]

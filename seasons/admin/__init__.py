"""The staff side of seasons, calls and applications, one module per subject."""

from . import applications, call_forms, committee, emails, reviews, seasons

__all__ = ["applications", "call_forms", "committee", "emails", "reviews", "seasons"]

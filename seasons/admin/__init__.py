"""The staff side of seasons, calls and applications, one module per subject."""

from . import applications, emails, reviews, seasons

__all__ = ["applications", "emails", "reviews", "seasons"]

"""Calls: the public pages of seasons and calls, the iCalendar of call deadlines, and the
staff's summary of a call (its selection funnel)."""

"""Open data: the laureates as CSV and JSON with their Table Schema (`data`), the pages
and downloads (`views`, `urls`), beside the Atom feed (`laureates.feeds`) and the calls'
iCalendar (`seasons.calls`), which are routed here."""

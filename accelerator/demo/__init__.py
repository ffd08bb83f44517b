"""Demonstration data: the real Accélérateur d'initiatives citoyennes, as Python data.

The facts live here rather than in a fixture so that dates can follow the day of the load
(the demonstration call stays open) and so that loading twice changes nothing.
"""

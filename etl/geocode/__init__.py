"""Geocoding: points (longitude, latitude) and written place names to HCP commune codes.

:func:`geocode_points` places a batch of points in one PostGIS statement;
:class:`NameGeocoder` matches French or Arabic commune names in any common
spelling; :mod:`etl.geocode.cli` reads and writes CSV files for the command line.
"""

from etl.geocode.names import Candidate, NameGeocoder, NameMatch, geocode_names
from etl.geocode.points import geocode_points

__all__ = ["Candidate", "NameGeocoder", "NameMatch", "geocode_names", "geocode_points"]

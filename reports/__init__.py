"""Territorial reports and open-data exports: the nation, a region or a province, in French or Arabic.

:mod:`reports.content` gathers what a report says (one read of the database);
the other modules only format it: :mod:`reports.pdf` (PDF), :mod:`reports.workbook`
(Excel), :mod:`reports.tables` (CSV), :mod:`reports.layers` (GeoJSON, GeoPackage),
and :mod:`reports.export` picks one by format. Contacts are never exported.
"""

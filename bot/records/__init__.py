"""The staff's records: exports (JSON, CSV, the registry workbook), the archive for
the city's records, retention (purge) and the status summary.
"""

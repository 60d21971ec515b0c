"""Printing to PDF: lays out an :class:`app.core.reports.Document` on A4 or F4 paper."""

"""tablemodels of the desktop application."""

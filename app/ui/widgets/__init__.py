"""widgets of the desktop application."""

"""Read-only queries for the GUI and reports: id lists, row pages, dashboard figures."""

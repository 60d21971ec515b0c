"""Use cases. Each function runs inside a unit of work (a Session from
:meth:`app.core.db.Database.unit_of_work`), validates, writes, and raises coded errors."""

"""The P4MI desk (regency hub): find a person, the read-only person view, the case desk.

Qt-free and read-mostly; the only rows it writes are the P4MI's own case actions
(:class:`app.core.models.P4miCaseAction`) and audit events.
"""

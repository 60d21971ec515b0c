"""Alembic schema migrations. ``HEAD_REVISION`` lets start-up skip Alembic when up to date.

A test checks that it equals Alembic's real head, so a new revision cannot forget it.
"""

HEAD_REVISION = "0012"

"""A P4MI hub's database on a PostgreSQL server instead of the SQLite file.

Where it is said: the data folder holds ``server.json`` (``{"url": "postgresql://user@host:port/
name"}``, never with a password) and, when the server asks for one, the password alone in
``kunci/server.sandi`` (the private folder that already holds the installation key; owner-only
permissions where the system has them). Nothing that prints the URL (CLI output, logs, error
messages) ever sees the password: :func:`masked` is what is shown. A password in the URL given
to ``init --database`` is moved into that file; ``PGPASSWORD`` or the user's ``pgpass`` file,
libpq's own mechanisms, work as well when no file is kept.

Villages always stay on SQLite; a one-clerk P4MI too. Several clerks' workstations (each with
its own data folder) may point at the same server database: it belongs to one office, recorded
in its ``setting`` table (``mode`` and ``office_code``), and a folder of another office is
refused (``server.other_office``).

SQLite-only operations get a PostgreSQL meaning or a clear refusal: the file backup becomes
``pg_dump`` (custom format, checked with ``pg_restore --list``), ``PRAGMA integrity_check`` /
WAL / the file repairs do not apply (the server has its own write-ahead log), a restore is
refused with the ``pg_restore`` instructions (it replaces every clerk's data at once), and the
folder lock guards only the folder (the database is shared by design; row locks serialise
imports of one village).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from app.core import atomic
from app.core.errors import AppError

CONFIG_FILE = "server.json"
PASSWORD_FILE = "server.sandi"
CONNECT_TIMEOUT = 5  # seconds: an unreachable server is said quickly

MESSAGES: dict[str, tuple[str, str]] = {
    "server.bad_url": (
        "Alamat basis data '{url}' tidak dikenali. Tulis seperti "
        "postgresql://pengguna@server:5432/nama_basis_data.",
        "The database address '{url}' is not recognised. Write it like "
        "postgresql://user@server:5432/database_name.",
    ),
    "server.village_not_allowed": (
        "Folder desa selalu memakai berkas SQLite; server PostgreSQL hanya untuk P4MI.",
        "A village folder always uses the SQLite file; a PostgreSQL server is for P4MI only.",
    ),
    "server.driver_missing": (
        "Pustaka PostgreSQL (psycopg) belum terpasang. Pasang ulang program dengan dukungan "
        "PostgreSQL.",
        "The PostgreSQL library (psycopg) is not installed. Reinstall the program with "
        "PostgreSQL support.",
    ),
    "server.bad_password": (
        "Server basis data {server} menolak pengguna '{user}': kata sandi salah. Periksa kata "
        "sandi lalu coba lagi.",
        "The database server {server} refused user '{user}': wrong password. Check the "
        "password and try again.",
    ),
    "server.unreachable": (
        "Server basis data {server} tidak dapat dihubungi. Periksa apakah komputer server "
        "menyala, layanan PostgreSQL berjalan, dan jaringan tersambung. ({detail})",
        "The database server {server} cannot be reached. Check that the server computer is on, "
        "the PostgreSQL service is running and the network is connected. ({detail})",
    ),
    "server.no_database": (
        "Basis data '{database}' tidak ada di server {server}. Buat dulu (lihat README: "
        "createdb) lalu coba lagi.",
        "The database '{database}' does not exist on server {server}. Create it first (see "
        "README: createdb) and try again.",
    ),
    "server.refused": (
        "Server basis data {server} menolak sambungan: {detail}",
        "The database server {server} refused the connection: {detail}",
    ),
    "server.other_office": (
        "Basis data {database} milik kantor lain ({found}), bukan {expected}. Data kantor lain "
        "tidak dicampur: pakai basis data lain.",
        "The database {database} belongs to another office ({found}), not {expected}. Offices' "
        "data is never mixed: use another database.",
    ),
    "server.not_hub": (
        "Basis data {database} berisi folder desa, bukan P4MI. Pakai basis data kosong.",
        "The database {database} holds a village folder, not a P4MI hub. Use an empty "
        "database.",
    ),
    "server.config_damaged": (
        "Berkas pengaturan server {path} rusak atau tidak lengkap. Jalankan 'init' lagi di "
        "folder baru.",
        "The server settings file {path} is damaged or incomplete. Run 'init' again in a new "
        "folder.",
    ),
    "server.pg_dump_missing": (
        "Cadangan basis data server memerlukan program pg_dump (bagian dari PostgreSQL), "
        "yang tidak ditemukan. Pasang alat klien PostgreSQL lalu coba lagi.",
        "Backing up the server database needs pg_dump (part of PostgreSQL), which was not "
        "found. Install the PostgreSQL client tools and try again.",
    ),
    "server.pg_dump_failed": (
        "pg_dump gagal membuat cadangan: {detail}",
        "pg_dump could not make the backup: {detail}",
    ),
    "server.restore_manual": (
        "Basis data di server PostgreSQL tidak dipulihkan dari program ini (semua petugas "
        "memakainya). Minta pengelola server menjalankan: pg_restore --clean --dbname=NAMA "
        "{backup}",
        "A database on a PostgreSQL server is not restored from this program (every clerk "
        "uses it). Ask the server's administrator to run: pg_restore --clean --dbname=NAME "
        "{backup}",
    ),
    "server.not_for_server": (
        "Perintah ini hanya untuk basis data berkas SQLite; basis data folder ini ada di "
        "server PostgreSQL {server}.",
        "This command is only for an SQLite file database; this folder's database is on the "
        "PostgreSQL server {server}.",
    ),
}


@dataclass(frozen=True)
class ServerConfig:
    """Where a hub's database lives: a URL without password, and the password if kept."""

    url: str  # postgresql://user@host:port/name (no password)
    password: str | None = None

    @property
    def shown(self) -> str:
        return masked(self.url)

    @property
    def database(self) -> str:
        return urlsplit(self.url).path.lstrip("/")

    def sqlalchemy_url(self) -> Any:
        """The SQLAlchemy URL (psycopg 3 driver) with the password set as an attribute, never
        formatted into a string."""
        from sqlalchemy.engine import make_url

        url = make_url(_with_driver(self.url))
        if self.password is not None:
            url = url.set(password=self.password)
        return url


def _with_driver(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else url


def is_server_url(value: str | None) -> bool:
    return bool(value) and str(value).split("://", 1)[0] in ("postgresql", "postgres",
                                                             "postgresql+psycopg")


def parse_url(value: str) -> ServerConfig:
    """Split a user's URL into the stored URL (no password) and the password."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError as exc:
        raise AppError("server.bad_url", url=masked(value)) from exc
    if not is_server_url(value) or not parts.path.strip("/") or "/" in parts.path.strip("/"):
        raise AppError("server.bad_url", url=masked(value))
    user = unquote(parts.username or "")
    password = unquote(parts.password) if parts.password is not None else None
    host = parts.hostname or ""
    netloc = (quote(user, safe="") + "@" if user else "") + (
        f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    clean = urlunsplit(("postgresql", netloc, parts.path, parts.query, ""))
    return ServerConfig(clean, password or None)


def masked(value: str) -> str:
    """A URL with any password replaced by ``***`` (what logs and messages show)."""
    try:
        parts = urlsplit(value)
        if parts.password is None:
            return value
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    except ValueError:
        return "<alamat tidak terbaca>"


def _server_label(cfg: ServerConfig) -> str:
    parts = urlsplit(cfg.url)
    host = parts.hostname or dict(
        p.split("=", 1) for p in parts.query.split("&") if "=" in p).get("host", "localhost")
    return f"{host}:{parts.port or 5432}/{cfg.database}"


# -- the settings in the data folder ---------------------------------------------------------


def read_config(root: Path) -> ServerConfig | None:
    """The server settings of the data folder ``root``, or None (the SQLite file)."""
    path = Path(root) / CONFIG_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        url = str(data["url"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AppError("server.config_damaged", path=str(path)) from exc
    if not is_server_url(url):
        raise AppError("server.config_damaged", path=str(path))
    password = os.environ.get("BMD_PG_PASSWORD")
    secret = Path(root) / "kunci" / PASSWORD_FILE
    if password is None and secret.is_file():
        password = secret.read_text(encoding="utf-8").rstrip("\n")
    return ServerConfig(url, password or None)


def save_config(root: Path, cfg: ServerConfig, *, office: str) -> Path:
    """Store ``cfg`` in the data folder: the URL and the office the folder serves in
    ``server.json`` (checked against the database's own identity rows at every start), the
    password apart in ``kunci/server.sandi`` (owner-only)."""
    root = Path(root)
    if cfg.password:
        keys = root / "kunci"
        keys.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(keys / PASSWORD_FILE, cfg.password.encode("utf-8"), mode=0o600)
    target = root / CONFIG_FILE
    body = json.dumps({"url": cfg.url, "office": office}, indent=1) + "\n"
    atomic.write_bytes(target, body.encode("utf-8"), mode=0o644)
    return target


# -- connecting -----------------------------------------------------------------------------


def make_server_engine(cfg: ServerConfig) -> Any:
    """A pooled SQLAlchemy engine on the server (psycopg 3)."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise AppError("server.driver_missing") from exc
    from sqlalchemy import create_engine

    return create_engine(cfg.sqlalchemy_url(), pool_pre_ping=True, future=True,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT,
                                       "application_name": "buku-migran-desa"})


def connection_error(exc: BaseException, cfg: ServerConfig) -> AppError:
    """A driver's connection failure as a coded error the clerk can act on."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    user = urlsplit(cfg.url).username or ""
    server = _server_label(cfg)
    if "password authentication failed" in low or "no password supplied" in low or (
            "password" in low and "authentication" in low):
        return AppError("server.bad_password", server=server, user=user)
    if "does not exist" in low and "database" in low:
        return AppError("server.no_database", server=server, database=cfg.database)
    if any(s in low for s in ("connection refused", "could not translate host",
                              "timeout expired", "no route to host", "network is unreachable",
                              "name or service not known", "no such file or directory",
                              "could not connect", "is the server running")):
        return AppError("server.unreachable", server=server, detail=_first_line(text))
    return AppError("server.refused", server=server, detail=_first_line(text))


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return (lines[-1] if lines else text)[:200]


def check_connection(cfg: ServerConfig, *, mode: str | None = None,
                     office_code: str | None = None) -> str:
    """Connect once and check whose database it is (nothing written).

    An empty database, or one of the same office, passes; a database whose ``setting`` rows
    name another office (or a village) is refused. Returns the office code the database
    already serves ("" for an empty database: it becomes this office's).
    """
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    engine = make_server_engine(cfg)
    try:
        with engine.connect() as conn:
            found = dict(conn.execute(text(
                "SELECT key, value FROM setting WHERE key IN ('mode', 'office_code')")).all()
                ) if _has_table(conn, "setting") else {}
    except DBAPIError as exc:
        raise connection_error(exc, cfg) from exc
    finally:
        engine.dispose()
    check_identity(cfg, found, mode=mode, office_code=office_code)
    return found.get("office_code") or ""


def _has_table(conn: Any, name: str) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(conn).has_table(name))


def check_identity(cfg: ServerConfig, found: dict[str, str], *, mode: str | None,
                   office_code: str | None) -> None:
    code = found.get("office_code") or ""
    if not code:
        return  # an empty database: it becomes this office's
    if found.get("mode") not in (None, "p4mi"):
        raise AppError("server.not_hub", database=cfg.database)
    if office_code is not None and code != office_code:
        raise AppError("server.other_office", database=cfg.database, found=code,
                       expected=office_code)
    if mode is not None and mode != "p4mi":
        raise AppError("server.village_not_allowed")


# -- setting up a folder on the server (the CLI's ``init --database`` and the wizard) ---------


def set_up_on_server(data_dir: Any, cfg: ServerConfig, *, code: str, name: str,
                     operator: str, exclusive: bool = True,
                     then: Callable[[Any], None] | None = None) -> tuple[Any, bool]:
    """Point the new P4MI folder ``data_dir`` at the server database of ``cfg`` and return
    ``(office, joined)``.

    The connection is tested (and whose database it is) before anything is written; an empty
    database is migrated and becomes this office's, a database already serving the same office
    is joined (another clerk's workstation). ``then(workspace)`` runs on the opened workspace
    (the wizard adds its operator there). If anything fails, the folder's server settings are
    removed again (the folder is not left pointing at a half-set-up database).
    """
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace

    check_connection(cfg, mode=MODE_P4MI, office_code=code)
    data_dir.ensure()
    save_config(data_dir.root, cfg, office=code)
    try:
        ws = open_workspace(data_dir, exclusive=exclusive)
        try:
            office = ws.office()
            joined = office is not None
            if office is None:
                office = initialise_office(ws, mode=MODE_P4MI, code=code, name=name,
                                           operator=operator)
            if then is not None:
                then(ws)
        finally:
            ws.close()
    except BaseException:
        (data_dir.root / CONFIG_FILE).unlink(missing_ok=True)
        (data_dir.keys / PASSWORD_FILE).unlink(missing_ok=True)
        raise
    return office, joined


# -- backup ---------------------------------------------------------------------------------


def pg_dump_backup(cfg: ServerConfig, folder: Path, *, reason: str) -> Path:
    """A ``pg_dump`` custom-format backup of the server database into ``folder``, checked by
    reading its table of contents back (``pg_restore --list``); written beside, then renamed."""
    dump = shutil.which("pg_dump")
    lister = shutil.which("pg_restore")
    if dump is None or lister is None:
        raise AppError("server.pg_dump_missing")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"server_{stamp}_{reason}.dump"
    partial = target.with_name(target.name + ".part")
    env = dict(os.environ)
    if cfg.password:
        env["PGPASSWORD"] = cfg.password  # the child's environment only, never argv
    env["PGCONNECT_TIMEOUT"] = str(CONNECT_TIMEOUT)
    done = subprocess.run([dump, "--format=custom", "--no-owner", f"--file={partial}",
                           f"--dbname={cfg.url}"], env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise AppError("server.pg_dump_failed", detail=_first_line(done.stderr or "?"))
    check = subprocess.run([lister, "--list", str(partial)], capture_output=True, text=True,
                           check=False)
    if check.returncode != 0 or "TABLE DATA" not in check.stdout:
        partial.unlink(missing_ok=True)
        raise AppError("server.pg_dump_failed", detail=_first_line(check.stderr or "isi kosong"))
    try:
        return atomic.commit(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise

"""Write tests/data/schema_v1/buku_migran.db: a small village database of the first released
schema (revision 0003), with a record of every kind. Run once per released schema; the
upgrade test opens the committed file with the current program and checks every record.

    python tools/make_schema_fixture.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = ROOT / "tests" / "data" / "schema_v1" / "buku_migran.db"


def main() -> None:
    from app.core.migrate import upgrade
    from app.core.paths import DataDir
    from app.core.services import cases, community, episodes, operators, residents
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        data = DataDir(Path(tmp) / "desa").ensure()
        upgrade(data.db_path, data.backups, target="0003")
        ws = open_workspace(data)
        initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Sukadana",
                          operator="Kades Fixture")
        with ws.db.unit_of_work("Kades Fixture") as s:
            operators.add_operator(s, "Kades Fixture", "kepala_desa", "2468")
            siti = residents.register_resident(s, residents.ResidentInput(
                name="Siti Fixture", sex="P", nik="1807015204950012", no_kk="1807011506100003",
                birth_date=date(1995, 4, 12), dusun="Krajan", rt="002", rw="001",
                phone="+6281200000001"), accept_warnings=True)
            anak = residents.register_resident(s, residents.ResidentInput(
                name="Anak Fixture", sex="L", no_kk="1807011506100003",
                birth_date=date(2016, 1, 5)))
            ep = episodes.register_cpmi(s, siti.id, episodes.Registration(
                date(2024, 1, 10), episodes.Placement(destination_country="HK"),
                episodes.Consent("Ahmad Fixture", "", "suami"), ["ktp", "kk"]))
            episodes.verify(s, ep.id, date(2024, 1, 20))
            episodes.record_departure(s, ep.id, date(2024, 3, 1), episodes.Placement(
                destination_country="HK", sector="pekerja_rumah_tangga", scheme="p_to_p",
                procedure="prosedural", contract_end=date(2026, 3, 1)), accept_warnings=True)
            episodes.add_contact(s, siti.id, date(2024, 6, 1), "Sehat")
            case = cases.open_case(s, siti.id, cases.CaseInput("gaji_tidak_dibayar",
                                                               date(2024, 7, 1)))
            cases.add_follow_up(s, case.id, date(2024, 7, 2), "Dirujuk ke P4MI")
            community.link_family_member(s, siti.id, "anak", member_id=anak.id)
            act = community.create_activity(s, community.ActivityInput(
                "sosialisasi", "Sosialisasi fixture", date(2024, 2, 1)))
            community.add_participant(s, act.id, resident_id=siti.id)
        ws.close()
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        import sqlite3

        con = sqlite3.connect(data.db_path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("VACUUM")
        con.close()
        shutil.copyfile(data.db_path, TARGET)
    print(f"{TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()

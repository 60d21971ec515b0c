"""Panduan: every topic of the offline guide opens and reads in Indonesian."""

from __future__ import annotations

from tests.ui.gui_b_support import make_ctx


def test_guide_topics(qtbot, village) -> None:
    from app.ui.views.guide import GuideView, topics

    stems = [stem for stem, _t, _x in topics()]
    assert stems == ["01-tentang", "02-tugas-harian", "03-paket-p4mi", "04-cadangan",
                     "05-privasi", "06-impor-daftar", "07-meja-p4mi", "08-surat"]
    view = GuideView(make_ctx(village))
    qtbot.addWidget(view)
    view.show()
    assert view.list.count() == 8 and view.current_topic() == "01-tentang"
    assert "Pasal 42" in view.browser.toPlainText()
    view.apply_filter(topic="02-tugas-harian")
    text = view.browser.toPlainText()  # the checkpoint, in Indonesian
    assert "pos pemeriksaan" in text and "Kembali" in text and "Dicegah desa" in text
    view.apply_filter(topic="03-paket-p4mi")
    assert view.current_topic() == "03-paket-p4mi"
    assert "flashdisk" in view.browser.toPlainText()
    view.list.setCurrentRow(4)
    assert "27 Tahun 2022" in view.browser.toPlainText()
    assert not view.note.isVisible()  # the English-only note
    view.apply_filter(topic="07-meja-p4mi")
    assert "Meja kasus" in view.browser.toPlainText()

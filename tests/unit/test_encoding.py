"""Decoding pages and feeds: UTF-8 whatever the label, labels when they read, guesses said aloud."""

from __future__ import annotations

import codecs

import pytest

from reader.core.ingest import IngestError, load_html
from reader.core.ingest.encoding import decode_bytes, decode_document

ARTICLE = "<p>" + "Die Straßenbahn fährt wieder über die Brücke, sagte der Bürgermeister. " * 4 + "</p>"


@pytest.mark.parametrize(
    ("text", "codec", "shown"),
    [
        ("Le café rouvre après l'été, déjà complet", "cp1252", "Windows-1252"),
        ("Grüße aus München – „schön“", "cp1252", "Windows-1252"),
        ("Новости дня: мэр открыл новый мост", "koi8_r", "KOI8-R"),
        ("Новости дня: мэр открыл новый мост", "cp1251", "Windows-1251"),
        ("東京の新しい橋が開通しました", "euc_jp", "EUC-JP"),
        ("東京の新しい橋が開通しました", "cp932", "Shift_JIS"),
        ("서울에 새 다리가 개통되었습니다", "cp949", "EUC-KR"),
        ("北京的新桥今天通车了", "gb18030", "GB18030"),
        ("新橋今天通車了，市民很高興", "big5", "Big5"),
        ("Zażółć gęślą jaźń", "cp1250", "Windows-1250"),
        ("Η γέφυρα άνοιξε σήμερα", "cp1253", "Windows-1253"),
        ("הגשר החדש נפתח היום", "cp1255", "Windows-1255"),
    ],
)
def test_short_undeclared_text_is_guessed_right_and_the_guess_is_said(text, codec, shown):
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text and decoded.guessed
    assert decoded.warnings == [f"no charset declared; read as {shown} (guessed)"]


def test_utf8_bytes_are_utf8_whatever_the_label_says():
    page = "<html><head><meta charset=gb2312><title>Brücke</title></head><body>Café 東京</body></html>"
    text, warnings = decode_document(page.encode(), ["gb2312"], "http://x.example/")
    assert text == page
    assert warnings == ["declared gb2312, but the bytes are UTF-8; read as UTF-8"]


def test_a_mislabelled_page_through_load_html_is_not_mojibake():
    page = f'<html><head><meta charset="gb2312"><title>Brücke</title></head><body><article>{ARTICLE}</article></body></html>'
    imported = load_html(page.encode("utf-8"), url="http://x.example/bruecke")
    assert "Straßenbahn fährt wieder über die Brücke" in imported.article.text
    assert any("bytes are UTF-8" in w for w in imported.warnings)


def test_a_label_that_reads_is_believed_and_one_that_gives_mojibake_is_overruled():
    latin = "Die Straßenbahn fährt wieder über die Brücke"
    assert decode_bytes(latin.encode("latin-1"), ["iso-8859-1"]).warnings == []
    russian = "Мост через реку открыли в понедельник. С апреля паром отправляется раньше."
    assert decode_bytes(russian.encode("cp1251"), ["windows-1251"]).text == russian
    overruled = decode_bytes(russian.encode("koi8_r"), ["windows-1251"])
    assert overruled.text == russian
    assert overruled.warnings == ["declared windows-1251, but that reads as mojibake; read as KOI8-R (guessed)"]


def test_a_label_the_bytes_do_not_fit_gives_way_to_a_guess():
    decoded = decode_bytes("Le café rouvre après l'été".encode("cp1252"), ["utf-8"])
    assert decoded.text == "Le café rouvre après l'été"
    assert decoded.warnings == ["declared utf-8, but the bytes are not utf-8; read as Windows-1252 (guessed)"]


def test_mostly_utf8_keeps_its_utf8_and_reads_the_stray_byte_as_windows_1252():
    data = "Kyiv’s café – ".encode() + b"Espa\xf1a"
    decoded = decode_bytes(data)
    assert decoded.text == "Kyiv’s café – España"
    assert decoded.warnings == ["1 byte not valid UTF-8; read it as Windows-1252"]
    with_bom = decode_bytes(codecs.BOM_UTF8 + data)
    assert with_bom.text == "Kyiv’s café – España" and with_bom.warnings


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_are_read_with_or_without_a_bom(codec):
    xml = '<?xml version="1.0"?><rss><channel><title>Iñtërnâtiônàlizætiøn</title></channel></rss>'
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    assert decode_bytes(bom + xml.encode(codec)).text == xml
    assert decode_bytes(xml.encode(codec)).text == xml


def test_binary_is_refused_in_one_line():
    with pytest.raises(IngestError) as error:
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, [], "http://x.example/pic")
    assert str(error.value) == "http://x.example/pic: binary file, not text"


@pytest.mark.parametrize("text", [
    "foo\u00a0\u00a0bar", "\u00a0foo", "a\u00a0", "x\u2003y z\u00e9 ab\u00e9cd e", "\u00e9", " \u00a0 ",
    "abc\x1cdé", "é\x1cé", "\u3000\u3000x", "Film\u202f&amp;\u202fTV</a>", "",
    "var x='" + "a" * 3000 + "'; caf\u00e9\u00a0" + "b" * 3000 + " Stra\u00dfe\n\u00fcber",
])
def test_non_ascii_tokens_are_those_of_the_plain_pattern(text: str) -> None:
    """The scorer's token pattern starts matches only where one can start (so a long ASCII
    run is not tried from each character): the very matches of the plain pattern."""
    import re

    from reader.core.ingest import plausible

    assert plausible._NON_ASCII_TOKEN.findall(text) == re.findall(r"\S*[^\x00-\x7f]\S*", text)

"""Named laws, codes and ordinances resolved to the numbered version the citing text means.

Sentences are real: taken from the gazette (Công báo) and provincial texts of corpus-real."""
from __future__ import annotations

import csv

import pytest

from pipeline.extract import extract_text
from pipeline.laws import LawBook, Law, amended_by, amending_statements, in_force_at, laws_file, load_laws, stated_names
from pipeline.resolve import corpus_laws, guided_on, resolve_corpus


# --------------------------------------------------------------------------- statements


@pytest.mark.parametrize("sentence, expected", [
    ("Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế số 25/2008/QH12 đã được sửa đổi",
     []),  # the number may be the amending law's: no plain statement
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6 2025;",
     [("Luật Tổ chức chính quyền địa phương", "72/2025/QH15")]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;",
     [("Luật Ban hành văn bản quy phạm pháp luật", "64/2025/QH15")]),
    ("Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019;", [("Bộ luật Lao động", "45/2019/QH14")]),
    ("Căn cứ Luật khám bệnh, chữa bệnh số 40/2009/QH12 ngày 23 tháng 11 năm 2009;",
     [("Luật khám bệnh, chữa bệnh", "40/2009/QH12")]),
    ("Căn cứ Luật Tần số vô tuyến điện số 42/2009/QH12;", [("Luật Tần số vô tuyến điện", "42/2009/QH12")]),
    # a list of laws before one number: which law it numbers is not said
    ("Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá nhân, Luật Thuế giá trị gia tăng và Luật Thuế "
     "tiêu thụ đặc biệt số 09/2026/QH16", []),
    # another citation stands between the law word and the number
    ("Căn cứ Luật Việc làm ngày 16 tháng 11 năm 2013; Căn cứ Nghị quyết số 03/2021/UBTVQH15", []),
])
def test_what_a_sentence_states(sentence, expected):
    assert [(s.name, s.symbol) for s in stated_names(sentence) if not s.amending] == expected


def test_amending_law_statements_and_amendment_lists():
    s = amending_statements("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật "
                            "số 87/2025/QH15;")
    assert [(x.name, x.symbol) for x in s] == [
        ("Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật", "87/2025/QH15")]
    assert amended_by("Luật Bảo hiểm y tế số 25/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số "
                      "32/2013/QH13, Luật số 46/2014/QH13 và Luật số 30/2023/QH15.") == [
        ("25/2008/QH12", ["32/2013/QH13", "46/2014/QH13", "30/2023/QH15"])]


# --------------------------------------------------------------------------- the shipped list


def test_shipped_list_every_fact_has_its_source():
    with open(laws_file(), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 150
    for r in rows:
        sources = r["sources"]
        assert sources.startswith("name, number: "), r["symbol"]
        for fact in ("date", "in_force", "replaced_by"):
            if r[fact]:
                assert f"{fact}: " in sources, (r["symbol"], fact)
        assert "/work/" not in sources and "congbao_" not in sources  # the document, never a path


def test_labour_code_versions_from_the_gazette():
    laws = {law.symbol: law for law in load_laws()}
    assert laws["45/2019/QH14"].in_force == "2021-01-01"
    assert laws["10/2012/QH13"].replaced_by == "45/2019/QH14"


# --------------------------------------------------------------------------- resolution


def _book():
    return LawBook([
        Law("77/2015/QH13", "Luật", "Luật Tổ chức chính quyền địa phương", date="2015-06-19"),
        Law("72/2025/QH15", "Luật", "Luật Tổ chức chính quyền địa phương", date="2025-06-16", in_force="2025-06-16"),
        Law("43/2013/QH13", "Luật", "Luật Đấu thầu", date="2013-11-26", in_force="2014-07-01"),
        Law("22/2023/QH15", "Luật", "Luật Đấu thầu", date="2023-06-23", in_force="2024-01-01"),
        Law("85/2015/QH13", "Luật", "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", date="2015-06-25"),
        Law("58/2014/QH13", "Luật", "Luật Bảo hiểm xã hội", date="2014-11-20"),
        Law("25/2008/QH12", "Luật", "Luật Bảo hiểm y tế", date="2008-11-14"),
    ])


@pytest.mark.parametrize("text, sentence, as_of, symbol, how", [
    # the date rule: which law the name means depends on the citing date
    ("Luật Tổ chức chính quyền địa phương", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     "2024-03-01", "77/2015/QH13", "year"),
    ("Luật Tổ chức chính quyền địa phương", "Căn cứ Luật Tổ chức chính quyền địa phương;", "2024-03-01",
     "77/2015/QH13", "date"),
    ("Luật Tổ chức chính quyền địa phương", "Căn cứ Luật Tổ chức chính quyền địa phương;", "2025-11-20",
     "72/2025/QH15", "date"),
    # passed but not yet in force: the old law still governs
    ("Luật Đấu thầu", "theo quy định của Luật Đấu thầu;", "2023-09-01", "43/2013/QH13", "date"),
    ("Luật Đấu thầu", "theo quy định của Luật Đấu thầu;", "2024-05-01", "22/2023/QH15", "date"),
    # a number written with the name wins
    ("Luật Đấu thầu", "Căn cứ Luật Đấu thầu số 22/2023/QH15;", "2023-09-01", "22/2023/QH15", "stated"),
    # `sửa đổi, bổ sung năm ...`: the version in force that year
    ("Luật Đấu thầu", "Luật Đấu thầu được sửa đổi, bổ sung năm 2020", "2025-01-01", "43/2013/QH13", "amended"),
    # a line break cut the name short: the sentence completes it
    ("Luật Bảo", "thi hành Luật Bảo hiểm xã hội và Luật An toàn vệ sinh lao động", "2020-01-01", "58/2014/QH13", "date"),
    # a name run on past its end
    ("Luật Bảo hiểm xã hội và", "thi hành Luật Bảo hiểm xã hội và Điều 5", "2020-01-01", "58/2014/QH13", "date"),
    ("Luật Bảo hiểm xã hội", "thi hành Luật Bảo hiểm xã hội", None, "58/2014/QH13", "only"),
    # a short name with its year: the one known law it begins, of that year
    ("Luật Bầu cử năm 2015", "theo quy định của Luật Bầu cử năm 2015", "2021-01-01", "85/2015/QH13", "year"),
])
def test_named_law_resolves_to_the_right_version(text, sentence, as_of, symbol, how):
    got, got_how, _ = _book().resolve(text, sentence, as_of)
    assert (got, got_how) == (symbol, how)


def test_the_citing_document_states_the_number_elsewhere():
    got = _book().resolve("Luật Đấu thầu", "theo quy định của Luật Đấu thầu;", "2023-09-01",
                          {"luật đấu thầu": {"22/2023/QH15"}})
    assert got[:2] == ("22/2023/QH15", "document")


def test_unknown_or_unnumbered_names_stay_unresolved():
    assert _book().resolve("Luật Di sản văn hóa", "theo Luật Di sản văn hóa;", "2024-01-01")[0] is None
    assert _book().resolve("Luật Bảo hiểm", "theo Luật Bảo hiểm", "2024-01-01")[0] is None  # two laws begin so


def test_in_force_at_prefers_the_replacement_once_in_force():
    old = Law("10/2012/QH13", "Bộ luật", "Bộ luật Lao động", date="2012-06-18", replaced_by="45/2019/QH14",
              replaced_on="2021-01-01")
    new = Law("45/2019/QH14", "Bộ luật", "Bộ luật Lao động", date="2019-11-20", in_force="2021-01-01")
    assert in_force_at([old, new], "2020-06-01") is old
    assert in_force_at([old, new], "2021-03-01") is new


# --------------------------------------------------------------------------- end to end


def test_corpus_teaches_a_name_and_the_date_rule_uses_it():
    """One document writes `Luật Dân quân tự vệ số 48/2019/QH14` (a law the shipped list lacks); another
    names the law alone."""
    a = extract_text("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 12/KH-UBND\nBắc Ninh, ngày 05 tháng 3 năm 2024\n"
                     "KẾ HOẠCH\nCăn cứ Luật Dân quân tự vệ số 48/2019/QH14 ngày 22 tháng 11 năm 2019;\n",
                     doc_id="a")
    b = extract_text("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 13/KH-UBND\nBắc Ninh, ngày 06 tháng 3 năm 2024\n"
                     "KẾ HOẠCH\nThực hiện các quy định của Luật Dân quân tự vệ về huấn luyện.\n", doc_id="b")
    _docs, targets, _chains, table = resolve_corpus([a, b])
    named = [i for i, r in enumerate(b.references) if r.kind == "named" and "Dân quân" in r.text]
    assert named
    assert targets[("b", named[0])] == "48/2019/QH14"
    assert table.how[("b", named[0])] == ("date", "corpus")
    assert table.laws.by_symbol["48/2019/QH14"].sources == ["stated in a"]


def test_banners_and_proper_names_are_no_law_citations():
    for text in ("kết nối cộng đồng Dân Luật Việt Nam, nhằm:", "LUẬT là gì", "VĂN BẢN PHÁP LUẬT KHÁC"):
        assert [r for r in extract_text(text).references if r.kind == "named"] == [], text
    refs = extract_text("Căn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;").references
    assert [(r.kind, r.text) for r in refs] == [("named", "Bộ luật Lao động")]


# --------------------------------------------------------------------------- issue 14, the 90% (real sentences)


def test_a_list_of_laws_each_with_its_number_states_each():
    """congbao_262's list: each law has its own number, so the list is no `Luật A, Luật B số N`."""
    sentence = ("Luật Bảo hiểm y tế số 25/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 32/2013/QH13, "
                "Luật số 46/2014/QH13 và Luật số 97/2015/QH13, Luật Phòng, chống bệnh truyền nhiễm số 03/2007/QH12, "
                "Luật Giám định tư pháp số 13/2012/QH13 và Luật Bảo vệ quyền lợi người tiêu dùng số 59/2010/QH12.")
    stated = {(s.name, s.symbol) for s in stated_names(sentence)}
    assert ("Luật Giám định tư pháp", "13/2012/QH13") in stated
    assert ("Luật Bảo vệ quyền lợi người tiêu dùng", "59/2010/QH12") in stated
    # a real list of names sharing one number still states nothing about each
    assert stated_names("Căn cứ Luật Thương mại, Luật Cạnh tranh số 45/2025/QH15;") == []


def test_an_amending_law_named_like_a_later_one_resolves_by_its_year():
    """`Luật sửa đổi ... của Luật Ban hành văn bản quy phạm pháp luật ngày 18/6/2020` (congbao_101): the
    corpus also gives that name to a 2025 amending law; the 2020 one is what congbao_262 says amended it."""
    book = LawBook([Law("80/2015/QH13", "Luật", "Luật Ban hành văn bản quy phạm pháp luật", date="2015-06-22"),
                    Law("87/2025/QH15", "Luật", "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy "
                                                 "phạm pháp luật", date="2025-06-25")])
    book.learn([], "congbao-262", amended_by("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 đã được "
                                              "sửa đổi, bổ sung một số điều theo Luật số 63/2020/QH14;"))
    book.finish()
    sentence = ("Căn cứ Luật ban hành văn bản quy phạm pháp luật ngày 22/6/2015; Luật sửa đổi, bổ sung một số điều "
                "của Luật Ban hành văn bản quy phạm pháp luật ngày 18/6/2020;")
    assert book.resolve("Luật sửa đổi, bổ sung một số điều", sentence, "2024-01-31")[:2] == ("63/2020/QH14", "year")
    assert book.resolve("Luật ban hành văn bản quy phạm pháp luật", sentence, "2024-01-31")[:2] == ("80/2015/QH13", "year")


def test_shipped_list_resolves_the_2019_amendment_of_two_laws():
    """congbao_148 (2021): the 2015 laws by their date, the 2019 law amending both by laws.csv's `amends`."""
    book = LawBook(load_laws())
    sentence = ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ "
                "chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
    assert book.resolve("Luật Tổ chức Chính phủ", sentence, "2021-07-24")[:2] == ("76/2015/QH13", "year")
    assert book.resolve("Luật sửa đổi, bổ sung một số điều", sentence, "2021-07-24")[:2] == ("47/2019/QH14", "year")
    # the same name cited without a date, after the 2025 law took effect
    assert book.resolve("Luật Tổ chức Chính phủ", "theo Luật Tổ chức Chính phủ;", "2026-05-01")[0] == "63/2025/QH15"


def test_one_text_mistyping_a_listed_laws_number_teaches_nothing():
    """dvhcvn_14 writes `Luật Tổ chức chính quyền địa phương số 75/2025/QH15`; the listed 2025 law is 72/2025/QH15."""
    book = LawBook(load_laws())
    book.learn(stated_names("*Căn cứ* *Luật Tổ chức chính quyền địa phương số 75/2025/QH15;*"), "dvhcvn-14")
    book.finish()
    assert "75/2025/QH15" not in book.by_symbol
    assert book.resolve("Luật Tổ chức chính quyền địa phương", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 "
                        "tháng 6 năm 2025;", "2025-11-18")[:2] == ("72/2025/QH15", "year")


# --------------------------------------------------------------------------- which version a clause means (real sentences)


def test_a_number_a_few_words_after_a_variant_of_the_name_is_stated():
    """congbao_47: `... đi làm việc tại nước ngoài số 72/2006/QH11` (the list knows `... ở nước ngoài theo hợp đồng`)."""
    book = LawBook([Law("69/2020/QH14", "Luật", "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
                        date="2020-11-13", in_force="2022-01-01")])
    sentence = "e) Khoản 1 Điều 68 của Luật Người lao động Việt Nam đi làm việc tại nước ngoài số 72/2006/QH11;"
    assert book.resolve("Luật Người lao động Việt Nam đi làm việc", sentence, "2024-01-01")[:2] == (
        "72/2006/QH11", "stated")
    # another law, an article or `của` between the name and the number: the number is not this law's
    assert _book().resolve("Luật Đấu thầu", "theo Luật Đấu thầu và Luật Đầu tư số 61/2020/QH14;",
                           "2024-05-01")[:2] == ("22/2023/QH15", "date")


def test_a_year_written_with_the_name_beats_the_number_the_document_gives_it_elsewhere():
    """congbao_193 (2016) bases itself on `Luật đầu tư ngày 26 tháng 11 năm 2014` and names 61/2020/QH14 elsewhere."""
    book = LawBook([Law("61/2020/QH14", "Luật", "Luật Đầu tư", date="2020-06-17")])
    got = book.resolve("Luật đầu tư", "Căn cứ Luật đầu tư ngày 26 tháng 11 năm 2014;", "2016-10-14",
                       {"luật đầu tư": {"61/2020/QH14"}})
    assert got[0] is None  # the 2014 law is not known: nothing rather than the 2020 one


def test_a_law_a_dated_decree_details_is_the_version_passed_by_the_decree():
    """tvplcb_6 (2024): `Nghị định số 31/2013/NĐ-CP ngày 09 tháng 4 năm 2013 ... quy định chi tiết ... của Pháp lệnh
    Ưu đãi người có công với cách mạng` is the ordinance of 2005, not the one in force in 2024."""
    res = extract_text("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 4410/LĐTBXH-KHTC\nHà Nội, ngày 23 tháng 10 năm 2024\n"
                       "Căn cứ Nghị định số 31/2013/NĐ-CP ngày 09 tháng 4 năm 2013 của Chính phủ quy định chi tiết, hướng "
                       "dẫn thi hành một số điều của Pháp lệnh Ưu đãi người có công với cách mạng;\n", doc_id="g")
    [named] = [r for r in res.references if r.kind == "named" and r.type == "Pháp lệnh"]
    assert guided_on(named, res.references) == "2013-04-09"
    book = LawBook([Law("26/2005/PL-UBTVQH11", "Pháp lệnh", "Pháp lệnh Ưu đãi người có công với cách mạng",
                        date="2005-06-29"),
                    Law("02/2020/UBTVQH14", "Pháp lệnh", "Pháp lệnh Ưu đãi người có công với cách mạng",
                        date="2020-12-09")])
    assert book.resolve(named.text, named.sentence, "2024-10-23", None, "2013-04-09")[:2] == (
        "26/2005/PL-UBTVQH11", "guided")
    # a decree issued before its law takes effect details the new law (145/2020/NĐ-CP, the Labour Code of 2019)
    labour = LawBook(load_laws())
    sentence = ("Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020 của Chính phủ quy định chi tiết và hướng "
                "dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ lao động;")
    assert labour.resolve("Bộ luật Lao động", sentence, "2020-12-20", None, "2020-12-14")[:2] == (
        "45/2019/QH14", "guided")
    # no document that guides it: the date rule
    assert guided_on(extract_text("Căn cứ Bộ luật Lao động;").references[0], []) is None


def test_an_amending_law_is_not_cut_to_a_shorter_known_base():
    """tvplmd_134: `Luật sửa đổi ... của Luật Giáo dục đại học ngày 19 tháng 11 năm 2018`; the corpus knows a 2025
    `Luật sửa đổi ... của Luật Giáo dục`, which is another law."""
    book = LawBook([Law("123/2025/QH15", "Luật", "Luật sửa đổi, bổ sung một số điều của Luật Giáo dục", date="2025-12-10"),
                    Law("08/2012/QH13", "Luật", "Luật Giáo dục đại học", date="2012-06-18")])
    sentence = ("Căn cứ Luật Giáo dục đại học ngày 18 tháng 6 năm 2012; Luật sửa đổi, bổ sung một số điều của Luật Giáo "
                "dục đại học ngày 19 tháng 11 năm 2018;")
    symbol, _how, name = book.resolve("Luật sửa đổi, bổ sung một số điều", sentence, "2025-11-20")
    assert symbol != "123/2025/QH15" and name.endswith("Luật Giáo dục đại học")


def test_a_law_an_amending_law_names_is_the_version_it_amended():
    """congbao_120 (2023): the date after `... của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương` is the
    2019 amending law's; each law it names is the version in force that year."""
    book = LawBook(load_laws())
    sentence = ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
                "phương ngày 22 tháng 11 năm 2019;")
    assert book.resolve("Luật Tổ chức chính quyền địa phương", sentence, "2023-12-29")[:2] == ("77/2015/QH13", "amended")


def test_long_names_are_stated_whole():
    """congbao_33's list: a 17-word name with its number."""
    sentence = ("Luật Giáo dục quốc phòng và an ninh số 30/2013/QH13, Luật Quản lý, sử dụng vốn nhà nước đầu tư vào sản "
                "xuất, kinh doanh tại doanh nghiệp số 69/2014/QH13, Luật Thực hành tiết kiệm, chống lãng phí số 44/2013/QH13")
    assert ("Luật Quản lý, sử dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp", "69/2014/QH13") in {
        (s.name, s.symbol) for s in stated_names(sentence)}


def test_the_laws_an_amending_law_names_are_the_versions_in_force_on_its_date():
    """congbao_364: the amending law's date closes the list of the nine laws it amends."""
    book = LawBook(load_laws())
    sentence = ("Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư công, Luật Đầu tư theo phương thức đối tác công "
                "tư, Luật Đầu tư, Luật Nhà ở, Luật Đấu thầu, Luật Điện lực, Luật Doanh nghiệp, Luật Thuế tiêu thụ đặc biệt "
                "và Luật Thi hành Án dân sự ngày 11 tháng 01 năm 2022;")
    assert book.resolve("Luật Đầu tư công", sentence, "2025-06-30")[:2] == ("39/2019/QH14", "amended")
    assert book.resolve("Luật Đấu thầu", sentence, "2025-06-30")[:2] == ("43/2013/QH13", "amended")


def test_the_decree_a_clause_names_beats_the_documents_own_statements():
    """congbao_365 (2024) cites 22/2023/QH15 elsewhere, but 25/2020/NĐ-CP details the Luật Đấu thầu of 2013."""
    sentence = ("Căn cứ Nghị định số 25/2020/NĐ-CP ngày 28 tháng 02 năm 2020 của Chính phủ quy định chi tiết thi hành một "
                "số điều của Luật Đấu thầu về lựa chọn nhà đầu tư;")
    got = _book().resolve("Luật Đấu thầu", sentence, "2024-04-19", {"luật đấu thầu": {"22/2023/QH15"}}, "2020-02-28")
    assert got[:2] == ("43/2013/QH13", "guided")


def test_theo_in_a_name_and_theo_before_a_clause():
    stated = stated_names("Căn cứ Luật Đầu tư theo phương thức đối tác công tư số 64/2020/QH14 ngày 18 tháng 6 năm 2020;")
    assert [(s.name, s.symbol) for s in stated] == [("Luật Đầu tư theo phương thức đối tác công tư", "64/2020/QH14")]
    assert stated_names("Luật Đấu thầu theo Luật số 90/2025/QH15") == []


def test_of_the_numbers_a_document_gives_a_name_the_newest_is_meant():
    """congbao_253 (2021) names the law of 2006 in its transitional clause and applies the law of 2020."""
    from pipeline.laws import _newest

    assert _newest({"72/2006/QH11", "69/2020/QH14"}) == "69/2020/QH14"
    assert _newest({"19/2012/QH13", "10/2022/QH14"}) == "19/2012/QH13"  # the 14th Assembly sat until 2021
    assert _newest({"01/2020/QH14", "02/2020/QH14"}) is None


# --------------------------------------------------------------------------- laws the corpus never numbers


@pytest.mark.parametrize("text, sentence, as_of, symbol", [
    # congbao_141 (2021): the 2015 code, amended in 2017, governs
    ("Bộ luật Hình sự", "theo quy định của Bộ luật Hình sự;", "2021-12-30", "100/2015/QH13"),
    # congbao_29 (2015): the 2005 law, until the 2016 one took effect on 1 January 2017
    ("Luật Dược", "Căn cứ Luật Dược;", "2015-03-17", "34/2005/QH11"),
    ("Luật Dược", "Căn cứ Luật Dược;", "2020-06-01", "105/2016/QH13"),
    # congbao_101 (2024)
    ("Luật Phòng, chống mua bán người", "Nạn nhân theo quy định của Luật Phòng, chống mua bán người.", "2024-01-31",
     "66/2011/QH12"),
    # congbao_242 (2026): the name wrapped over a line after `hỗ`; the sentence completes it
    ("Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ",
     "theo quy định của Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ;", "2026-04-29", "42/2024/QH15"),
])
def test_laws_added_from_their_sources_resolve_by_date(text, sentence, as_of, symbol):
    assert LawBook(load_laws()).resolve(text, sentence, as_of)[:2] == (symbol, "date")  # the shipped list


def _constitution_ref(sentence: str):
    from pipeline.document import analyze_text

    res = analyze_text(sentence, doc_id="c")
    return next(r for r in res.references if r.kind == "named" and r.type == "Hiến pháp")


@pytest.mark.parametrize("sentence, as_of, year, how", [
    # congbao_36's quoted preamble of a 2008 law
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ sung một số điều "
     "theo Nghị quyết số 51/2001/QH10;", "2025-03-18", 1992, "year"),
    # congbao_11: amended by a 2025 resolution, so the 2013 Constitution, whatever the citing date
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều theo Nghị "
     "quyết số 203/2025/QH15;", "2008-11-14", 2013, "amended"),
    # plain `Hiến pháp`: the Constitution in force at the citing date (tvplmd_227 of 2011; a 2020 plan)
    ("Nhà nước thống nhất quản lý đối với Quân đội, Công an và sự nghiệp quốc phòng, an ninh theo quy định của "
     "Hiến pháp và pháp luật.", "2011-01-19", 1992, "date"),
    ("Cán bộ, đảng viên gương mẫu chấp hành Hiến pháp và pháp luật.", "2020-03-19", 2013, "date"),
    ("Căn cứ Hiến pháp năm 2013;", "2015-01-01", 2013, "year"),
    # seed 000: the 2013 Constitution as `sửa đổi năm 2013`
    ("triển khai thi hành Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam (sửa đổi năm 2013) đến cán bộ",
     "2014-01-03", 2013, "year"),
])
def test_the_constitution_is_the_one_of_its_year_or_in_force_at_the_citing_date(sentence, as_of, year, how):
    from pipeline.resolve import constitution

    assert constitution(_constitution_ref(sentence), as_of) == (f"named:Hiến pháp:hiến pháp năm {year}", how)

"""The document's own issuer when the header does not give it in the usual column, table-driven from real
headers of corpus-real files that are NOT among the annotated development files (each file named beside
it): the enacting formula's subject, a `TM.` signature, the issuer's cell on the motto's line, a body's
name wrapped inside the header."""
from __future__ import annotations

import pytest

from pipeline.document import analyze_text

CASES = [
    # congbao_220: the gazette prints no issuer column; the enacting formula names it.
    ("Số: 161/2026/NĐ-CP \n \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n"
     "———————————— \nHà Nội, ngày 15 tháng 5 năm 2026 \n \nNGHỊ ĐỊNH \n"
     "Quy định mức lương cơ sở và chế độ tiền thưởng  \n \n"
     "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15; \nCăn cứ Bộ luật Lao động số 45/2019/QH14; \n"
     "Theo đề nghị của Bộ trưởng Bộ Nội vụ; \n"
     "Chính phủ ban hành Nghị định quy định mức lương cơ sở và chế độ tiền \nthưởng.\n\n"
     "Điều 1. Phạm vi điều chỉnh\n", "Chính phủ"),
    # congbao_82: a ministry head's formula (the header's `NGÂN HÀNG NHÀ NƯỚC` is also read now).
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \nSố: 13/2026/TT-NHNN \n"
     "Hà Nội, ngày 19 tháng 5 năm 2026 \n\nTHÔNG TƯ \nSửa đổi, bổ sung một số điều của Thông tư số 53/2018/TT-NHNN \n\n"
     "Căn cứ Luật Ngân hàng Nhà nước Việt Nam số 46/2010/QH12; \n"
     "Thống đốc Ngân hàng Nhà nước Việt Nam ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số "
     "53/2018/TT-NHNN.\n\nĐiều 1. ...\n", "Thống đốc Ngân hàng Nhà nước Việt Nam"),
    # congbao_339: the issuer's cell and the motto on one line of a PDF's text layer.
    ("          BỘ CÔNG AN                     CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM \n"
     "                         Độc lập – Tự do – Hạnh phúc \n  Số: 65/2026/TT-BCA \n          \n"
     "                      Hà Nội, ngày 19 tháng 5 năm 2026 \n \n \nTHÔNG TƯ \n"
     "Quy định về đồ vật cấm đưa vào  \nnơi chấp hành án phạt tù \n \n \n"
     " Căn cứ Luật Thi hành án hình sự năm 2025; \n", "Bộ Công an"),
    # tvplmd_60: a web page wraps the body's name inside the header's cell.
    ("|\n**HỘI\nĐỒNG NHÂN DÂN**\nTHÀNH PHỐ HUẾ\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
     "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 36/2025/NQ-HĐND\n|\n"
     "*Thành phố Huế**, ngày 18 tháng 11 năm 2025*\n|\n\n\n**NGHỊ\nQUYẾT**\n\n"
     "QUY ĐỊNH VỀ CHÍNH SÁCH HỌC PHÍ\n\n*Căn cứ Luật Tổ chức chính quyền địa phương số\n72/2025/QH15; *\n",
     "Hội đồng nhân dân"),
    # tvplmd_199: the enacting body in capitals before `Căn cứ`, broken by bold marks.
    (" CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc\n|\nSố: 1654/NQ-UBTVQH15 |\n|\n\n"
     "**NGHỊ QUYẾT**\n\n**V****ề việc s****ắp xếp các đơn vị hành chính cấp xã**\n\n**------------**\n\n"
     "**ỦY**** BAN THƯỜNG VỤ QUỐC HỘI**\n\n*Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;*\n",
     "Ủy ban thường vụ quốc hội"),
    # congbao_232: a gazette file holding only a decree's last page: the signature is all there is.
    ("CÔNG BÁO/Số 271/Ngày 12-05-2026 \n86\n \n \nKý bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\n\nTM. CHÍNH PHỦ \nKT. THỦ TƯỚNG \nPHÓ THỦ TƯỚNG \n \nHồ Quốc Dũng \n",
     "Chính phủ"),
]


@pytest.mark.parametrize("text,issuer", [c for c in CASES], ids=[str(i) for i in range(len(CASES))])
def test_own_issuer(text, issuer):
    assert (analyze_text(text).document.issuer or "").lower() == issuer.lower()


def test_a_signature_does_not_override_the_number_s_issuer():
    # congbao_150: `... của Bộ trưởng Bộ Lao động - Thương binh và Xã hội` named with the own number wins over the
    # `T/M BAN THƯỜNG VỤ` of a form printed after the circular.
    text = ("THÔNG TƯ \nSố 24/2009/TT-BLĐTBXH ngày 09 tháng 7 năm 2009 của Bộ trưởng Bộ Lao động - Thương binh \n"
            "và Xã hội hướng dẫn ...\n\nĐiều 1. ...\n\nT/M BAN THƯỜNG VỤ\n\nNguyễn Văn A\n")
    assert analyze_text(text).document.issuer != "Ban thường vụ"

"""The Excel annex of a union's report (xlsxwriter, constant memory): one sheet of figures,
one sheet of the recommendations of the period with their answers."""
import io

import xlsxwriter

FIGURE_LABELS = [
    ("plans", "Kế hoạch giám sát được phê duyệt"),
    ("subjects", "Nội dung giám sát"),
    ("plans_done", "Kế hoạch giám sát đã hoàn thành"),
    ("petitions", "Đơn thư tiếp nhận"),
    ("petitions_report", "- Phản ánh"),
    ("petitions_proposal", "- Kiến nghị"),
    ("petitions_complaint", "- Khiếu nại"),
    ("petitions_denunciation", "- Tố cáo"),
    ("petitions_kept", "Đơn thư Hội trực tiếp xử lý"),
    ("petitions_forwarded", "Đơn thư chuyển cơ quan có thẩm quyền"),
    ("petitions_answered_on_time", "- Được trả lời đúng hạn"),
    ("petitions_answered_late", "- Trả lời trễ hạn"),
    ("petitions_overdue", "- Quá hạn chưa trả lời"),
    ("petitions_pending", "- Đang trong hạn"),
    ("drafts", "Dự thảo được phản biện"),
    ("drafts_sent_on_time", "- Gửi ý kiến đúng hạn"),
    ("drafts_sent_late", "- Gửi ý kiến trễ hạn"),
    ("drafts_not_sent", "- Chưa gửi ý kiến"),
    ("recommendations", "Kiến nghị đã gửi"),
    ("rec_on_time", "- Được trả lời đúng hạn"),
    ("rec_late", "- Trả lời trễ hạn"),
    ("rec_overdue", "- Quá hạn chưa trả lời"),
    ("rec_pending", "- Đang trong hạn"),
    ("rec_accepted", "Tiếp thu"),
    ("rec_partly", "Tiếp thu một phần"),
    ("rec_rejected", "Không tiếp thu (có giải trình)"),
]
REC_HEADERS = ["STT", "Kiến nghị", "Cơ quan nhận", "Ngày gửi", "Hạn trả lời", "Ngày trả lời",
               "Đúng hạn", "Kết quả tiếp thu", "Giải trình"]


def build_annex(title, figures, rows):
    """xlsx bytes. ``rows``: tuples (name, agency, sent, due, answered, on_time, response, explanation)."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": True})
    bold = book.add_format({"bold": True, "font_name": "Times New Roman"})
    text = book.add_format({"font_name": "Times New Roman", "text_wrap": True})
    day = book.add_format({"font_name": "Times New Roman", "num_format": "dd/mm/yyyy"})
    late = book.add_format({"font_name": "Times New Roman", "bg_color": "#F8D7DA"})
    sheet = book.add_worksheet("Tổng hợp")
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 1, 12)
    sheet.write(0, 0, title, bold)
    sheet.write_row(2, 0, ["Chỉ tiêu", "Số lượng"], bold)
    for index, (key, label) in enumerate(FIGURE_LABELS, start=3):
        sheet.write(index, 0, label, text)
        sheet.write_number(index, 1, figures.get(key, 0))
    recs = book.add_worksheet("Kiến nghị")
    recs.set_column(1, 2, 40)
    recs.set_column(3, 6, 13)
    recs.set_column(7, 8, 30)
    recs.write_row(0, 0, REC_HEADERS, bold)
    for index, (name, agency, sent, due, answered, on_time, response, explanation) in enumerate(rows, start=1):
        fmt = late if (answered and not on_time) or (not answered and on_time is False) else text
        recs.write_number(index, 0, index)
        recs.write(index, 1, name, fmt)
        recs.write(index, 2, agency, text)
        for col, value in ((3, sent), (4, due), (5, answered)):
            if value:
                recs.write_datetime(index, col, _dt(value), day)
        recs.write(index, 6, "" if not answered else ("Có" if on_time else "Không"), text)
        recs.write(index, 7, response or "", text)
        recs.write(index, 8, explanation or "", text)
    book.close()
    return output.getvalue()


def _dt(value):
    from datetime import datetime, time
    return datetime.combine(value, time.min)

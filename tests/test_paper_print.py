"""Papers printed through the real server as the web client prints them (report assets
loaded, the server's wkhtmltopdf): the demo officer's conclusion notice and the supervisor's
yearly report keep their lines inside the body area of every page, carry page numbers centred
at the top from page 2, and repeat table headers (see doithoai_module/tests/test_paper_format.py
for every paper type)."""
import json
import re
import subprocess
from urllib.parse import quote
from xml.etree import ElementTree

from conftest import csrf_token

MM = 72 / 25.4
TOP, BOTTOM, LEFT, RIGHT = 20, 20, 30, 15  # the paper format, mm


def download(client, report_name, ids=None, data=None):
    """/report/download as the web client's report service calls it: the PDF."""
    url = f"/report/pdf/{report_name}"
    if data:
        url += "?options=" + quote(json.dumps(data), safe="") + "&context=" + quote(json.dumps({}), safe="")
    else:
        url += "/" + ",".join(str(i) for i in ids)
    resp = client.post("/report/download", data={
        "data": json.dumps([url, "qweb-pdf"]), "context": json.dumps(client.context()),
        "token": "dummy-because-api-expects-one", "csrf_token": csrf_token(client.get("/odoo").text)})
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF"), f"HTTP {resp.status_code}: {resp.text[:500]}"
    return resp.content


def check_layout(pdf, name):
    """Every line inside the body area; the page number alone and centred in the top margin of
    pages 2 and after, none on page 1. Returns [[(text, x0, y0, x1, y1)] per page]."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, check=True,
                         capture_output=True).stdout.decode()
    root = ElementTree.fromstring(re.sub(r'\sxmlns="[^"]+"', "", xml, count=1))
    pages = []
    for index, page in enumerate(root.iter("page"), 1):
        width, height = float(page.get("width")), float(page.get("height"))
        lines = [(" ".join(w.text for w in line.iter("word")),
                  *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for line in page.iter("line")]
        numbers = [line for line in lines if line[4] <= TOP * MM + 0.5]
        if index == 1:
            assert not numbers, f"{name}: no page number on page 1: {numbers}"
        else:
            assert [n[0] for n in numbers] == [str(index)], f"{name}, page {index}: its number: {numbers}"
            centre = (LEFT * MM + width - RIGHT * MM) / 2
            assert abs((numbers[0][1] + numbers[0][3]) / 2 - centre) < 2, f"{name}, page {index}: centred"
        for text, x0, y0, x1, y1 in lines:
            if (text, x0, y0, x1, y1) in numbers:
                continue
            assert y1 <= height - BOTTOM * MM + 0.5 and x0 >= LEFT * MM - 0.5 and x1 <= width - RIGHT * MM + 0.5, \
                f"{name}, page {index}: “{text}” outside the body area ({x0:.1f}, {y0:.1f}, {x1:.1f}, {y1:.1f})"
        pages.append(lines)
    return pages


def test_demo_papers_print_within_the_page(login):
    officer = login("tinh.canbo")
    # a concluded one: the other system tests hold dialogues of their own on the shared server
    dialogues = officer.search_read("doithoai.dialogue", [("is_held", "=", True), ("conclusion_date", "!=", False),
                                                          ("organization_id.name", "=", "UBND tỉnh Đắk Lắk")],
                                    ["name"], limit=1)
    assert dialogues, "the demo officer has a concluded dialogue"
    notice = check_layout(download(officer, "doithoai_module.report_conclusion_notice", [dialogues[0]["id"]]),
                          "conclusion notice")
    text = " ".join(line[0] for page in notice for line in page)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK" in text
    assert "Đắk Lắk, ngày" in text, "the place on the date line"

    supervisor = login("tinh.giamsat")
    org = supervisor.search_read("doithoai.organization", [("name", "=", "UBND tỉnh Đắk Lắk")], ["id"])[0]["id"]
    report = check_layout(download(supervisor, "doithoai_module.report_yearly", data={"year": 2018, "doc_ids": [org]}),
                          "yearly report")
    assert "BÁO CÁO" in " ".join(line[0] for page in report for line in page)

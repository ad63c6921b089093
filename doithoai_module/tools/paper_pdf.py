"""What the render pipeline of the official papers does around wkhtmltopdf (no ORM, unit tested).

Debian's wkhtmltopdf is built on an unpatched Qt: it lays the page out at a width of its own
and shrinks it onto the paper (CSS sizes print at about 3/4), ignores --zoom and
--disable-smart-shrinking, slices table rows across page breaks, does not repeat table
headers and has no header or footer. So, for every paper:

- `calibration_html` / `read_calibration` measure once how many points of paper one CSS pixel
  takes with the paper format (0.75 on a patched build, about 0.575 on Debian's);
- `scale_css` multiplies every absolute CSS length by 0.75 / that ratio, so that 14 pt prints
  as 14 pt. Sizes are scaled, not zoomed: a CSS `zoom` makes WebKit cut pages on the unzoomed
  layout, which slices lines across page breaks;
- `page_geometry` gives the paper's width and page height in CSS pixels; the article carries
  them and the script of the template paper_layout splits each table before a row that would
  cross a page break, repeating its header row on the new page;
- `number_pages` stamps the page numbers afterwards (Decree 30/2020/NĐ-CP, Appendix I: Arabic
  numerals, 13-14 pt, centred in the top margin, from the second page of each paper). Each
  paper opens with an invisible link to PAPER_MARK (template paper_heading): its page is page
  one of that paper. The marks are removed from the final PDF.
"""
import io
import re

PAPER_MARK = "https://doithoai.invalid/paper-start"
CALIBRATION_MARK = "https://doithoai.invalid/calibration/"
CALIBRATION_PX = 800

MM = 72 / 25.4
_LENGTH = re.compile(r"(?<![\w.#])(\d+(?:\.\d+)?|\.\d+)(pt|px|mm|cm|in|pc)\b")
_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.S | re.I)
_STYLE_ATTR = re.compile(r"""(\sstyle\s*=\s*)(["'])(.*?)\2""", re.S | re.I)


def _scale_lengths(css, factor):
    def repl(match):
        value = float(match.group(1)) * factor
        return f"{value:.3f}".rstrip("0").rstrip(".") + match.group(2)
    return _LENGTH.sub(repl, css)


def scale_css(html, factor):
    """Every absolute length (pt, px, mm, cm, in, pc) of the <style> blocks and style
    attributes of `html` multiplied by `factor`; relative ones (%, em, unitless line heights)
    and the text are left alone."""
    if factor == 1:
        return html
    html = _STYLE_BLOCK.sub(lambda m: m.group(1) + _scale_lengths(m.group(2), factor) + m.group(3), html)
    return _STYLE_ATTR.sub(lambda m: m.group(1) + m.group(2) + _scale_lengths(m.group(3), factor)
                           + m.group(2), html)


def calibration_html(body):
    """`body` (the HTML of a paper) with its article's content replaced by two invisible links
    CALIBRATION_PX pixels apart in both directions: the same page, head and styles as the paper."""
    import lxml.html  # noqa: PLC0415

    root = lxml.html.fromstring(body)
    article = root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]")
    holder = article[0] if article else root.xpath("//body")[0]
    for child in list(holder):
        holder.remove(child)
    holder.text = None
    box = lxml.html.fromstring(
        f'<div style="position: relative; width: 1px; height: {CALIBRATION_PX + 2}px">'
        f'<a href="{CALIBRATION_MARK}0" style="position: absolute; display: block; left: 0; top: 0;'
        f' width: 1px; height: 1px"></a>'
        f'<a href="{CALIBRATION_MARK}1" style="position: absolute; display: block;'
        f' left: {CALIBRATION_PX}px; top: {CALIBRATION_PX}px; width: 1px; height: 1px"></a></div>')
    holder.append(box)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def read_calibration(pdf):
    """Points of paper per CSS pixel, read from the PDF of calibration_html; None when unreadable."""
    from odoo.tools.pdf import PdfReader  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(pdf), strict=False)
    rects = {}
    for annotation in (reader.pages[0].get("/Annots") or []) if reader.pages else []:
        annotation = annotation.get_object()
        uri = (annotation.get("/A") or {}).get("/URI") or ""
        if uri.startswith(CALIBRATION_MARK):
            rects[uri[len(CALIBRATION_MARK):]] = [float(v) for v in annotation["/Rect"]]
    if set(rects) != {"0", "1"}:
        return None
    ratio = (rects["1"][0] - rects["0"][0]) / CALIBRATION_PX
    return ratio if ratio > 0 else None


def page_geometry(ratio, page_width_mm, page_height_mm, margins_mm):
    """(width, height) of a page's text area in CSS pixels, at `ratio` points per pixel.
    margins_mm: (top, bottom, left, right)."""
    top, bottom, left, right = margins_mm
    return ((page_width_mm - left - right) * MM / ratio, (page_height_mm - top - bottom) * MM / ratio)


# Run by wkhtmltopdf before it prints (the article carries its width and page height in CSS
# pixels): a table row that would cross a page break starts a new table on the next page,
# with a copy of the header row. Content above a table may have been pushed down by the
# paginator (a line moved to the next page): one line of slack per page break since the last
# forced one. A row taller than a page is left to break.
PAGINATE_JS = """
(function () {
    function paginate() {
        var paper = document.querySelector('.o_dt_paper[data-dt-page-height]');
        if (!paper) { return; }
        var H = parseFloat(paper.getAttribute('data-dt-page-height'));
        var line = parseFloat(window.getComputedStyle(paper).fontSize) * 1.3;
        var top = function (el) { return el.getBoundingClientRect().top + window.pageYOffset; };
        var bottom = function (el) { return el.getBoundingClientRect().bottom + window.pageYOffset; };
        var origin = top(paper);
        var items = paper.querySelectorAll('.o_dt_break, table.o_dt_table');
        for (var i = 0; i < items.length; i++) {
            var el = items[i];
            if (el.classList.contains('o_dt_break')) { origin = top(el); continue; }
            var table = el;
            while (table) {
                var next = null;
                var rows = table.tBodies.length ? table.tBodies[0].rows : [];
                var head = table.tHead ? table.tHead.getBoundingClientRect().height : 0;
                for (var r = 0; r < rows.length; r++) {
                    var rowTop = top(rows[r]), rowBottom = bottom(rows[r]);
                    var n = Math.floor((rowTop - origin) / H) + 1;
                    var end = origin + n * H - (n - 1) * line - 4;
                    if (rowBottom <= end || rowBottom - rowTop > H - head - line) { continue; }
                    if (r === 0 && !table.previousElementSibling) { continue; }
                    next = table.cloneNode(false);
                    if (table.tHead) { next.appendChild(table.tHead.cloneNode(true)); }
                    var body = document.createElement('tbody');
                    next.appendChild(body);
                    while (rows.length > r) { body.appendChild(rows[r]); }
                    next.style.pageBreakBefore = 'always';
                    next.style.marginTop = '0';
                    table.parentNode.insertBefore(next, table.nextSibling);
                    if (r === 0) { table.parentNode.removeChild(table); }
                    origin = top(next);
                    break;
                }
                table = next;
            }
        }
    }
    window.addEventListener('load', paginate);
})();
"""


def prepare_body(html, width, height):
    """The paper's body as wkhtmltopdf gets it: the article given its width and page height in
    CSS pixels, and the pagination script."""
    html = html.replace('class="article o_dt_paper"',
                        f'class="article o_dt_paper" data-dt-page-height="{height:.2f}" '
                        f'style="width: {width:.2f}px"', 1)
    script = f"<script>{PAGINATE_JS}</script>"
    if "</body>" in html:
        return html.replace("</body>", script + "</body>", 1)
    return html + script


def _is_mark(annotation):
    action = annotation.get("/A")
    return bool(action) and action.get_object().get("/URI") == PAPER_MARK


def page_numbers(starts):
    """The number printed on each page, None for none: `starts` tells for each page
    whether a paper begins on it. Page one of a paper has no number."""
    numbers, current = [], 0
    for start in starts:
        current = 1 if start or not current else current + 1
        numbers.append(current if current > 1 else None)
    return numbers


def number_pages(pdf, margin_top=20, margin_left=30, margin_right=15, size=13.5):
    """The PDF with its page numbers stamped (see the module docstring) and the marks removed.
    The number is centred over the text area, in the middle of the top margin (in mm), in
    PDF's standard Times (the digits of Times New Roman).

    The number is a content stream added to the page, the page's own content kept untouched
    between q/Q: merging a drawn page instead would parse every page (seconds per paper)."""
    from odoo.tools.pdf import (  # noqa: PLC0415
        ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, PdfReader, PdfWriter)

    reader = PdfReader(io.BytesIO(pdf), strict=False)
    pages = list(reader.pages)
    starts = []
    for page in pages:
        annotations = page.get("/Annots")
        annotations = list(annotations.get_object()) if annotations else []
        marks = [a for a in annotations if _is_mark(a.get_object())]
        starts.append(bool(marks))
        if marks:
            kept = [a for a in annotations if a not in marks]
            if kept:
                page[NameObject("/Annots")] = ArrayObject(kept)
            else:
                del page["/Annots"]
    if not any(starts):
        return pdf
    writer = PdfWriter()
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Times-Roman"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    font_ref = None
    for page, number in zip(pages, page_numbers(starts)):
        writer.add_page(page)
        if not number:
            continue
        page = writer.pages[-1]
        if font_ref is None:
            font_ref = writer._add_object(font)
        width = float(page.mediabox.width)
        height = float(page.mediabox.height)
        text = str(number)
        # Times digits are half an em wide; the baseline puts the digits in the middle of the margin
        x = (margin_left * MM + width - margin_right * MM) / 2 - 0.25 * size * len(text)
        y = height - margin_top * MM / 2 - size * 0.33
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(b"q\n")
        after.set_data(f"\nQ\nq 0 g BT /DtPageNumber {size:.2f} Tf {x:.2f} {y:.2f} Td ({text}) Tj ET Q\n".encode())
        contents = page["/Contents"].get_object()
        streams = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
        page[NameObject("/Contents")] = ArrayObject(
            [writer._add_object(before), *streams, writer._add_object(after)])
        resources = page["/Resources"].get_object()
        fonts = resources.get("/Font")
        if fonts is None:
            resources[NameObject("/Font")] = DictionaryObject({NameObject("/DtPageNumber"): font_ref})
        else:
            fonts.get_object()[NameObject("/DtPageNumber")] = font_ref
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

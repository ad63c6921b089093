"""How wide an Excel register may be to print on one A4 landscape width at a readable scale.

Excel (and LibreOffice) measure columns in pixels of the workbook's default font
(Calibri 11: a digit is 7 px, a column adds 5 px of padding) and print 96 px to the
inch. "Fit to 1 page wide" then shrinks the sheet to the printable width of the paper
(paper width minus left and right margins), to a whole percent, never above 100 %.
These functions do that arithmetic, so the registers choose column widths that give
at least MIN_SCALE, and the tests read the scale back from the file.
"""
import math

MM_PER_INCH = 25.4
A4_LANDSCAPE_WIDTH_IN = 297 / MM_PER_INCH
PX_PER_INCH = 96
DIGIT_PX = 7  # the widest digit of Calibri 11, the unit of a column width
PADDING_PX = 5
MIN_SCALE = 60


def width_pixels(width):
    """Pixels of a column of `width` characters, as given to xlsxwriter's set_column."""
    if width <= 0:
        return 0
    if width < 1:
        return int(width * (DIGIT_PX + PADDING_PX) + 0.5)
    return int(width * DIGIT_PX + 0.5) + PADDING_PX


def file_width_pixels(width):
    """Pixels of a column whose width was read from a file (it already holds the padding)."""
    return int(width * DIGIT_PX + 0.5) if width > 0 else 0


def printable_pixels(left_in, right_in, page_width_in=A4_LANDSCAPE_WIDTH_IN):
    return (page_width_in - left_in - right_in) * PX_PER_INCH


def fit_scale(pixels, left_in, right_in, page_width_in=A4_LANDSCAPE_WIDTH_IN):
    """The whole percent "fit to 1 page wide" prints `pixels` of columns at (10 to 100)."""
    if pixels <= 0:
        return 100
    scale = math.floor(100 * printable_pixels(left_in, right_in, page_width_in) / pixels)
    return max(10, min(100, scale))


def fit_widths(wanted, minimum, left_in, right_in, scale=MIN_SCALE,
               page_width_in=A4_LANDSCAPE_WIDTH_IN):
    """Column widths as close to `wanted` as fit on one page width at `scale` percent.

    Columns wider than their minimum give up width in proportion to what they have
    beyond it (long text columns wrap into more lines); none goes below its minimum.
    When even the minimums do not fit, the minimums are returned (and print smaller).
    """
    widths = [max(w, lo) for w, lo in zip(wanted, minimum)]
    budget = printable_pixels(left_in, right_in, page_width_in) * 100 / scale
    for _attempt in range(50):
        excess = sum(width_pixels(w) for w in widths) - budget
        if excess <= 0:
            break
        slack = [w - lo for w, lo in zip(widths, minimum)]
        total_slack = sum(slack)
        if total_slack <= 0:
            break
        # one more pixel per column than the proportion, for the rounding of width_pixels
        cut = (excess + len(widths)) / DIGIT_PX
        widths = [max(lo, math.floor((w - cut * s / total_slack) * 4) / 4)
                  for w, lo, s in zip(widths, minimum, slack)]
    return widths


def text_lines(text, width):
    """Lines `text` wraps into in a column of `width`, words kept whole (an estimate on the
    safe side: bold 12 pt Times is a little wider than the unit digit)."""
    room = max(0.9 * width - 1, 1)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            need = len(word) if not used else used + 1 + len(word)
            if used and need > room:
                lines += math.ceil(len(word) / room)
                used = len(word) % room or room
            elif not used and len(word) > room:
                lines += math.ceil(len(word) / room) - 1
                used = len(word) % room or room
            else:
                used = need
    return lines

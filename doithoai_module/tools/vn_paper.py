"""Pure helpers for Vietnamese official papers (no ORM, unit tested).

State bodies follow Decree 30/2020/NĐ-CP (Appendix I); Party bodies follow the Party
Central Office guidance on Party documents (Hướng dẫn 36-HD/VPTW). The two differ in the
national heading, the number line ("Số: 12/TB-UBND" against "Số 12-TB/HU") and the
authority forms of the signature ("TM." / "KT." / "TL." against "T/M" / "K/T" / "T/L").
"""
import re
from datetime import date, datetime, time, timedelta

import pytz

# Paper type -> abbreviation in the symbol (Decree 30 Appendix III; Party guidance).
# A written answer is a letter (công văn): a state letter has no type abbreviation,
# a Party letter uses "CV".
PAPER_TYPES = {
    "plan": ("KẾ HOẠCH", "KH"),
    "invitation": ("GIẤY MỜI", "GM"),
    "minutes": ("BIÊN BẢN", "BB"),
    "notice": ("THÔNG BÁO", "TB"),
    # The confidential appendix of a notice, numbered in its own (confidential) register.
    "appendix": ("PHỤ LỤC", "PL"),
    "answer": ("", ""),
    "report": ("BÁO CÁO", "BC"),
    "union_report": ("BÁO CÁO", "BC"),
    "proposal": ("TỜ TRÌNH", "TTr"),
}
PARTY_LETTER_CODE = "CV"

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def day_month(day):
    """Day and month as the decree writes them: a leading zero for days below 10 and
    for January and February only ("ngày 05 tháng 02", "ngày 15 tháng 3")."""
    return f"{day.day:02d}", (f"{day.month:02d}" if day.month < 3 else str(day.month))


def date_words(day):
    """'ngày 05 tháng 10 năm 2023'"""
    if isinstance(day, datetime):
        day = day.date()
    if not isinstance(day, date):
        return "ngày … tháng … năm …"
    d, m = day_month(day)
    return f"ngày {d} tháng {m} năm {day.year}"


def format_vn_date(value):
    """date_words() for mails and messages: accepts a date, a datetime or an ISO string;
    empty for no date. The words stay Vietnamese in every language, as on paper."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return date_words(value)


def date_line(place, day):
    """The place and date line: 'Thái Nguyên, ngày 05 tháng 10 năm 2023'."""
    words = date_words(day)
    return f"{place}, {words}" if place else words.capitalize()


def draft_date_line(place):
    """The date line of a draft: the date is left blank until the paper is issued."""
    blank = "\u00a0" * 5
    words = f"ngày{blank}tháng{blank}năm{blank}"
    return f"{place}, {words}" if place else words.capitalize()


def short_date(day):
    """'05/10/2023', as dates are cited inside a text."""
    return day.strftime("%d/%m/%Y") if day else ""


def time_words(dt):
    """'08 giờ 00 phút, Thứ Sáu, ngày 13 tháng 10 năm 2023' for a local datetime."""
    if not dt:
        return ""
    return f"{dt.hour:02d} giờ {dt.minute:02d} phút, {WEEKDAYS[dt.weekday()]}, {date_words(dt.date())}"


def number_line(sequence, paper_type, org_code, party=False):
    """The number and symbol line of a paper.

    State body (Decree 30): 'Số: 12/TB-UBND'; a letter has no type: 'Số: 12/UBND'.
    Party body: 'Số 12-TB/HU' (no colon); a letter: 'Số 12-CV/HU'.
    Numbers below 10 take a leading zero.
    """
    return "Số" + (" " if party else ": ") + number_symbol(sequence, paper_type, org_code, party)


def number_symbol(sequence, paper_type, org_code, party=False):
    """The number and symbol without the word 'Số': '12/TB-UBND' or '12-TB/HU'."""
    code = PAPER_TYPES.get(paper_type, ("", ""))[1]
    number = f"{sequence:02d}" if isinstance(sequence, int) else (sequence or "")
    org_code = org_code or ""
    if party:
        return f"{number}-{code or PARTY_LETTER_CODE}/{org_code}".rstrip("/")
    if code:
        return f"{number}/{code}-{org_code}".rstrip("-")
    return f"{number}/{org_code}".rstrip("/")


def number_prefix(number, party=False):
    """'Số: ' + a number typed by hand (state), 'Số ' + it (Party)."""
    return ("Số " if party else "Số: ") + (number or "")


def upper(text):
    """Upper case that keeps Vietnamese diacritics ('Ủy ban' -> 'ỦY BAN')."""
    return (text or "").upper()


def authority_lines(party, mode, collective, head_title, signer_title, deputy=False):
    """The lines above the signature.

    mode 'tm': on behalf of a collective body (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH); a deputy
               signing for the head adds 'KT. CHỦ TỊCH' between (state). Party: 'T/M BAN
               THƯỜNG VỤ' then the signer's own title, deputy or not.
    mode 'head': the head signs in their own name (GIÁM ĐỐC); a deputy signs
               'KT. GIÁM ĐỐC' / 'PHÓ GIÁM ĐỐC' (Party: 'K/T').
    mode 'tl': signed by order (TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG; Party: T/L BAN THƯỜNG VỤ).
    """
    collective, head_title, signer_title = upper(collective), upper(head_title), upper(signer_title)
    tm, kt, tl = ("T/M ", "K/T ", "T/L ") if party else ("TM. ", "KT. ", "TL. ")
    lines = []
    if mode == "tl":
        lines.append(tl + ((collective if party else head_title) or head_title or collective))
    elif mode == "tm" and collective:
        lines.append(tm + collective)
        if deputy and not party and head_title:
            lines.append(kt + head_title)
    elif deputy and head_title:
        lines.append(kt + head_title)
    if signer_title:
        lines.append(signer_title)
    return [line for line in lines if line.strip()]


# Collective body named after "TM." when the head signs on its behalf, by kind.
DEFAULT_COLLECTIVE = {
    "government": "Ủy ban nhân dân",
    "party": "Ban Thường vụ",
    "front": "Ban Thường trực",
    "union": "Ban Thường vụ",
}
DEFAULT_HEAD_TITLE = {
    "government": "Chủ tịch",
    "party": "Bí thư",
    "front": "Chủ tịch",
    "union": "Chủ tịch",
    "department": "Giám đốc",
    "other": "Thủ trưởng",
}
# Head of a department by the first word of its name (else DEFAULT_HEAD_TITLE).
DEPARTMENT_HEAD_TITLE = [("Văn phòng", "Chánh Văn phòng"), ("Phòng", "Trưởng phòng"), ("Ban", "Trưởng ban"),
                         ("Sở", "Giám đốc"), ("Ủy ban Kiểm tra", "Chủ nhiệm")]


def default_head_title(kind, name, party=False):
    """The head's position when none is recorded: 'Trưởng phòng' of a Phòng, 'Trưởng ban' of a
    board, 'Giám đốc' of a Sở, 'Chủ tịch' of a People's Committee…"""
    if kind == "department":
        for word, title in DEPARTMENT_HEAD_TITLE:
            if (name or "").lower().startswith(word.lower() + " "):
                return title
        if party:
            return "Trưởng ban"
    return DEFAULT_HEAD_TITLE.get(kind, "")


DEFAULT_CODE = {"government": "UBND", "party": "ĐU", "front": "MTTQ", "union": "HPN"}


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def utc_bounds(env, date_from, date_to):
    """Naive UTC datetimes [start, stop) covering these local days, in the civil service
    calendar's time zone (the one local-time rule), whoever asks."""
    tz = pytz.timezone(env["doithoai.organization"]._doithoai_tz())

    def to_utc(day):
        return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
    start = date.fromisoformat(str(date_from)[:10])
    stop = date.fromisoformat(str(date_to)[:10]) + timedelta(days=1)
    return to_utc(start), to_utc(stop)


# ----------------------------------------------------------------------
# Heading names, positions and places (Decree 30 Appendix I; Hướng dẫn 36-HD/VPTW)
# ----------------------------------------------------------------------
# Abbreviations written out in the name of the issuing body, which is never abbreviated
# (the superior line may keep them).
ABBREVIATIONS = [
    ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("LHPN", "Liên hiệp Phụ nữ"),
    ("LĐTBXH", "Lao động - Thương binh và Xã hội"),
    ("TN&MT", "Tài nguyên và Môi trường"),
    ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("KH&ĐT", "Kế hoạch và Đầu tư"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("TT&TT", "Thông tin và Truyền thông"),
    ("TP.", "thành phố"),
    ("TP", "thành phố"),
    ("TX", "thị xã"),
]
_ABBREVIATION = re.compile(r"(?<![\w&.])(" + "|".join(re.escape(a) for a, _f in ABBREVIATIONS) + r")(?![\w&])")

# Positions printed alone under the authority line, longest first.
POSITIONS = [
    "Phó Bí thư Thường trực", "Phó Chủ tịch Thường trực", "Phó Chánh Văn phòng", "Chánh Văn phòng",
    "Phó Trưởng ban", "Trưởng ban", "Phó Trưởng phòng", "Trưởng phòng", "Phó Giám đốc", "Giám đốc",
    "Phó Thủ trưởng", "Thủ trưởng", "Phó Chủ nhiệm", "Chủ nhiệm", "Phó Bí thư", "Bí thư",
    "Phó Chủ tịch", "Chủ tịch", "Phó Tổng Biên tập", "Tổng Biên tập", "Phó Viện trưởng", "Viện trưởng",
]
# Words that open the administrative name of a place in a body's name.
PLACE_WORDS = r"(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường)"
# Party committee -> its Party organisation (Đảng bộ), the superior line of the level below.
PARTY_COMMITTEES = [("Tỉnh ủy", "tỉnh"), ("Thành ủy", "thành phố"), ("Huyện ủy", "huyện"),
                    ("Quận ủy", "quận"), ("Thị ủy", "thị xã"), ("Đảng ủy", "")]


def full_name(name):
    """The name with its common abbreviations written out: 'UBND tỉnh Thái Nguyên' ->
    'Ủy ban nhân dân tỉnh Thái Nguyên', 'Hội LHPN xã Ea Ktur' -> 'Hội Liên hiệp Phụ nữ xã Ea Ktur'."""
    table = dict(ABBREVIATIONS)
    return _ABBREVIATION.sub(lambda m: table[m.group(1)], name or "")


def position(function, org_names=()):
    """The position alone, without the organisation: 'Chủ tịch UBND tỉnh Thái Nguyên' -> 'Chủ tịch',
    'Phó Bí thư Thường trực Tỉnh ủy Đắk Lắk' -> 'Phó Bí thư Thường trực', 'Trưởng Ban Tổ chức Tỉnh ủy'
    -> 'Trưởng ban'. An unknown title loses the organisation's name when it ends with it."""
    text = " ".join((function or "").split())
    lowered = text.lower()
    for known in POSITIONS:
        if lowered == known.lower() or lowered.startswith(known.lower() + " "):
            return known
    for name in sorted((n for n in org_names if n), key=len, reverse=True):
        if lowered.endswith(" " + name.lower()):
            return text[: -len(name) - 1].strip()
    return text


def place_from_name(name):
    """The administrative name in a body's name: 'UBND tỉnh Thái Nguyên' -> 'Thái Nguyên',
    'Đảng ủy xã Hòa Phú' -> 'Hòa Phú', 'Tỉnh Bắc Giang (trước 01/7/2025)' -> 'Bắc Giang'."""
    text = re.sub(r"\s*\(.*?\)\s*", " ", name or "").strip()
    for committee, _level in PARTY_COMMITTEES[:-1]:
        match = re.search(r"(?:^|\s)" + committee + r"\s+(.+)$", text, re.I)
        if match:
            return match.group(1).strip()
    # the last place word: "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Thái Nguyên" sits in Thái Nguyên
    match = re.search(r"^(?:.*\s)?" + PLACE_WORDS + r"\s+(?!ủy\b)(.+)$", text, re.I)
    return match.group(1).strip() if match else ""


def is_party_committee(name):
    """A Party committee (Tỉnh ủy, Huyện ủy, Đảng ủy …), not one of its boards or offices."""
    text = (name or "").strip().lower()
    return any(text.startswith(committee.lower() + " ") for committee, _level in PARTY_COMMITTEES) \
        or text.startswith("đảng bộ ")


def party_organisation(name):
    """The Party organisation (Đảng bộ) led by a committee: 'Tỉnh ủy Bắc Giang' -> 'Đảng bộ tỉnh
    Bắc Giang', 'Đảng ủy xã Hòa Phú' -> 'Đảng bộ xã Hòa Phú'; a name already so is kept."""
    text = " ".join((name or "").split())
    for committee, level in PARTY_COMMITTEES:
        if text.lower().startswith(committee.lower() + " "):
            rest = text[len(committee) + 1:]
            return f"Đảng bộ {level} {rest}".replace("  ", " ") if level else f"Đảng bộ {rest}"
    return text


def strip_superior(name, superior):
    """The body's name as printed under its superior: the words it repeats of the superior's name
    dropped when they name its place or its committee ('Sở Y tế tỉnh Thái Nguyên' under 'UBND tỉnh
    Thái Nguyên' -> 'Sở Y tế'; 'Ban Dân vận Huyện ủy' under 'Huyện ủy Tân Yên' -> 'Ban Dân vận';
    'Báo Thái Nguyên' stays), keeping at least two words."""
    words, sup = name.split(), superior.lower().split()
    starts = re.compile(r"^(?:" + PLACE_WORDS + "|" + "|".join(c for c, _l in PARTY_COMMITTEES) + r")\b", re.I)
    for cut in range(2, len(words)):
        tail = [w.lower() for w in words[cut:]]
        if (tail == sup[-len(tail):] or tail == sup[:len(tail)]) and starts.match(" ".join(words[cut:])):
            return " ".join(words[:cut])
    return name

"""PAdES signatures of issued papers, made and checked by pyHanko (no hand-written CMS or PDF).

Decree 30/2020, Appendix I (electronic documents): the signer's signature image (blue) is
centred between the position title and the full name; the organisation's seal (red) at its
real size covers about a third of the signer's image on its left; each carries the
organisation's name and the signing time in Vietnam's time zone (ISO 8601).

The stamp text is drawn into the appearance image (Pillow, DejaVu Serif): pyHanko's built-in
PDF fonts cannot write Vietnamese and its OpenType engine needs packages we do not ship.
"""
import html
import io
import os
import re
import subprocess
import tempfile
import unicodedata
from datetime import datetime

import pytz
from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from PIL import Image, ImageDraw, ImageFont

from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields as sig_fields, signers, timestamps
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

VN_TZ = pytz.timezone("Asia/Ho_Chi_Minh")
SIGNER_FIELD = "ChuKyNguoiKy"
SEAL_FIELD = "ChuKyCoQuan"
APPENDIX_FIELD = "ChuKyCoQuanPhuLuc"
APPENDIX_RIGHT, APPENDIX_TOP = 37.0, 5.0  # points from the right and top edges of page 1
STAMP_MARGIN = 5.0  # pyHanko's margin around a stamp's background
SEAL_SIZE = 102.0  # points: a 36 mm seal
SIGN_WIDTH, SIGN_HEIGHT = 150.0, 64.0
_PAGE = re.compile(r'<page width="[^"]*" height="([^"]*)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" yMax="([^"]*)">([^<]*)</word>')
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
              "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")


class SignatureError(Exception):
    """The paper cannot be signed (no place for the signature, unreadable PDF)."""


def load_pkcs12(data, password):
    """(key, certificate, extra certificates) of cryptography; raises ValueError on a bad file
    or password."""
    key, cert, extra = pkcs12.load_key_and_certificates(data, (password or "").encode() or None)
    if not key or not cert:
        raise ValueError("no key or certificate")
    return key, cert, extra or []


def _signer(pkcs12_data, password):
    key, cert, extra = load_pkcs12(pkcs12_data, password)
    der = serialization.Encoding.DER
    signing_key = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(der))
    chain = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in extra]
    return signers.SimpleSigner(signing_cert=signing_cert, signing_key=signing_key,
                                cert_registry=SimpleCertificateStore.from_certs([signing_cert] + chain))


def local_iso(moment):
    """ISO 8601 in Vietnam's time zone, to the second: 2026-12-01T14:05:09+07:00."""
    return moment.astimezone(VN_TZ).replace(microsecond=0).isoformat()


def _font(size):
    for path in FONT_PATHS:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def appearance(image_bytes, lines, color, font_size=26):
    """The visible appearance: the signature or seal image (if any) with the stamp lines under
    it, on a transparent background (drawn at 4 pixels per point)."""
    base = Image.open(io.BytesIO(image_bytes)).convert("RGBA") if image_bytes \
        else Image.new("RGBA", (1, 1), (255, 255, 255, 0))
    font = _font(font_size)
    draw = ImageDraw.Draw(base)
    widths = [draw.textlength(line, font=font) for line in lines]
    step = round(font_size * 1.23)
    width = int(max([base.width] + widths)) + 8
    height = base.height + step * len(lines) + 8
    canvas = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    canvas.alpha_composite(base, ((width - base.width) // 2, 0))
    draw = ImageDraw.Draw(canvas)
    for index, line in enumerate(lines):
        draw.text(((width - widths[index]) / 2, base.height + 4 + step * index), line, font=font, fill=color)
    return canvas


def find_name(pdf_bytes, name):
    """(page index, x0, y0, x1, y1 in PDF points from the bottom) of the last place the full
    name is written (the signature block closes the paper), from poppler's word boxes."""
    wanted = [unicodedata.normalize("NFC", w).casefold() for w in (name or "").split()]
    if not wanted:
        raise SignatureError("no signer name")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "paper.pdf")
        with open(src, "wb") as handle:
            handle.write(pdf_bytes)
        out = subprocess.run(["pdftotext", "-bbox", src, "-"], capture_output=True, check=True,
                             timeout=60).stdout.decode("utf-8", "replace")
    found = None
    for page_index, (height, body) in enumerate(_PAGE.findall(out)):
        words = [(float(a), float(b), float(c), float(d), unicodedata.normalize("NFC", html.unescape(t)).casefold())
                 for a, b, c, d, t in _WORD.findall(body)]
        texts = [w[4] for w in words]
        for i in range(len(words) - len(wanted) + 1):
            if texts[i:i + len(wanted)] == wanted:
                box = words[i:i + len(wanted)]
                top, bottom = min(w[1] for w in box), max(w[3] for w in box)
                found = (page_index, min(w[0] for w in box), float(height) - bottom,
                         max(w[2] for w in box), float(height) - top)
    if not found:
        raise SignatureError("name not found")
    return found


def boxes(pdf_bytes, name):
    """(page, signer's box, seal's box): the signer's image centred over the name, the seal
    covering a third of it on its left, both in the blank between the title and the name."""
    page, x0, _y0, x1, y1 = find_name(pdf_bytes, name)
    centre = (x0 + x1) / 2
    sign = (centre - SIGN_WIDTH / 2, y1 + 6, centre + SIGN_WIDTH / 2, y1 + 6 + SIGN_HEIGHT)
    middle = (sign[1] + sign[3]) / 2
    seal_right = sign[0] + SIGN_WIDTH / 3
    seal = (seal_right - SEAL_SIZE, middle - SEAL_SIZE / 2, seal_right, middle + SEAL_SIZE / 2)
    return page, tuple(round(v, 2) for v in sign), tuple(round(v, 2) for v in seal)


def appendix_box(pdf_bytes, image):
    """The box of an appendix's organisation signature: the top right corner of page 1, in the
    top margin (the drawing is at 4 pixels per point, its text at 10 pt; pyHanko keeps a margin of
    STAMP_MARGIN points around it)."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    page = reader.find_page_for_modification(0)[0].get_object()
    _x0, _y0, x1, y1 = (float(v) for v in page.get("/MediaBox") or page["/Parent"]["/MediaBox"])
    width, height = image.width / 4 + 2 * STAMP_MARGIN, image.height / 4 + 2 * STAMP_MARGIN
    right, top = x1 - APPENDIX_RIGHT, y1 - APPENDIX_TOP
    return tuple(round(v, 2) for v in (right - width, top - height, right, top))


def _sign_once(pdf_bytes, field, page, box, pkcs12_data, password, image, reason, tsa_url=None):
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    sig_fields.append_signature_field(writer, sig_fields.SigFieldSpec(field, on_page=page, box=box))
    style = TextStampStyle(stamp_text=" ", border_width=0, background=PdfImage(image),
                           background_opacity=1)
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256", reason=reason,
                                        subfilter=sig_fields.SigSeedSubFilter.PADES)
    pdf_signer = signers.PdfSigner(meta, signer=_signer(pkcs12_data, password), stamp_style=style,
                                   timestamper=timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None)
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def sign_paper(pdf_bytes, *, signer_name, organization_name, signer_p12, signer_password,
               seal_p12, seal_password, signature_png, seal_png, tsa_url=None, moment=None):
    """The issued PDF signed twice (PAdES B-B, B-T with a time-stamp authority): by the signer,
    then by the organisation. Returns (signed bytes, page, signer's box, seal's box)."""
    page, sign_box, seal_box = boxes(pdf_bytes, signer_name)
    stamp = [organization_name, local_iso(moment or datetime.now(pytz.utc))]
    blue, red = (20, 40, 160, 255), (200, 20, 20, 255)
    signed = _sign_once(pdf_bytes, SIGNER_FIELD, page, sign_box, signer_p12, signer_password,
                        appearance(signature_png, stamp, blue), "Ký ban hành", tsa_url)
    signed = _sign_once(signed, SEAL_FIELD, page, seal_box, seal_p12, seal_password,
                        appearance(seal_png, stamp, red), "Đóng dấu cơ quan", tsa_url)
    return signed, page, sign_box, seal_box


def seal_appendix(pdf_bytes, *, organization_name, main_reference, seal_p12, seal_password,
                  tsa_url=None, moment=None):
    """An appendix sent with a paper, signed by the organisation alone (Decree 30, Appendix I):
    at the top right of its first page, the organisation's name, the number and date of the
    main paper and the signing time (ISO 8601, +07:00), black, 10 pt, without the seal's image.
    Returns (signed bytes, box)."""
    lines = [organization_name, main_reference, local_iso(moment or datetime.now(pytz.utc))]
    image = appearance(None, lines, (0, 0, 0, 255), font_size=40)
    box = appendix_box(pdf_bytes, image)
    signed = _sign_once(pdf_bytes, APPENDIX_FIELD, 0, box, seal_p12, seal_password, image,
                        main_reference, tsa_url)
    return signed, box


def validate(pdf_bytes, trust_roots=()):
    """What a reader should know of each signature: a list of dicts (field, intact, valid,
    trusted, whole document covered, signer, organisation, time, page and box of the widget).
    Raises ValueError when the file is no readable signed PDF."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # noqa: BLE001 - any parse error means "not a readable PDF"
        raise ValueError(str(error)) from error
    roots = [asn1_x509.Certificate.load(r) if isinstance(r, bytes) else r for r in trust_roots]
    results = []
    for sig in embedded:
        context = ValidationContext(trust_roots=roots or None, allow_fetching=False)
        try:
            status = validate_pdf_signature(sig, context)
            intact, valid, trusted = status.intact, status.valid, status.trusted
            coverage = status.coverage.name
            modified = status.modification_level.name if status.modification_level else ""
        except Exception as error:  # noqa: BLE001 - a broken signature is reported, not raised
            intact = valid = trusted = False
            coverage, modified = "", str(error)
        cert = sig.signer_cert
        subject = cert.subject.native
        widget = sig.sig_field.get("/Kids", [sig.sig_field])[0].get_object() \
            if "/Kids" in sig.sig_field else sig.sig_field
        rect = [float(v) for v in widget.get("/Rect", [])]
        page_index = None
        page_ref = widget.get_value_as_reference("/P") if "/P" in widget else None
        if page_ref is not None:
            for index in range(len(reader.root["/Pages"]["/Kids"]) if "/Kids" in reader.root["/Pages"] else 0):
                if reader.find_page_for_modification(index)[0].idnum == page_ref.idnum:
                    page_index = index
                    break
        when = sig.self_reported_timestamp
        results.append({
            "field": sig.field_name, "intact": bool(intact), "valid": bool(valid), "trusted": bool(trusted),
            "coverage": coverage, "modification": modified,
            "signer": subject.get("common_name", ""), "organization": subject.get("organization_name", ""),
            "time": local_iso(when) if when else "", "page": page_index, "rect": rect,
            "reason": str(sig.sig_object.get("/Reason", "")),
        })
    return results

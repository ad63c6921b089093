"""A throw-away certificate authority and certificates (demo and tests; NOT REAL), and the
simple signature and seal images used when an organisation has no real ones."""
import io
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw

DEMO_MARK = "DEMO - NOT REAL"


def _name(common_name, organization=None):
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_MARK))
    return x509.Name(attrs)


def make_ca(common_name=f"Doithoai Demo CA ({DEMO_MARK})"):
    """(key, certificate) of a self-signed authority valid ten years from yesterday."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(timezone.utc)
    name = _name(common_name)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_pkcs12(ca, common_name, organization, password="demo", not_before=None, not_after=None):
    """PKCS#12 bytes of a signing certificate issued by `ca` (key, certificate)."""
    ca_key, ca_cert = ca
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(common_name, organization))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - timedelta(days=1))
            .not_valid_after(not_after or now + timedelta(days=1095))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [ca_cert],
        serialization.BestAvailableEncryption(password.encode()) if password else serialization.NoEncryption())


def signature_png():
    """A blue scribble on a transparent background."""
    image = Image.new("RGBA", (560, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = [(30, 140), (90, 40), (130, 150), (190, 50), (240, 140), (300, 70), (360, 130), (420, 60), (520, 110)]
    draw.line(points, fill=(20, 40, 170, 255), width=9, joint="curve")
    draw.line([(60, 170), (500, 150)], fill=(20, 40, 170, 255), width=5)
    return _png(image)


def seal_png(text="MẪU - KHÔNG CÓ GIÁ TRỊ"):
    """A red round seal on a transparent background (drawn for the demo)."""
    image = Image.new("RGBA", (400, 400), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    red = (210, 20, 20, 255)
    draw.ellipse((10, 10, 390, 390), outline=red, width=14)
    draw.ellipse((60, 60, 340, 340), outline=red, width=6)
    draw.regular_polygon((200, 200, 60), 5, fill=red)
    return _png(image)


def _png(image):
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()

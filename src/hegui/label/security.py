"""Protection data (TC260-PG-202511A): a `SecurityData` JSON kept in `ReservedCode1` that binds
the label to the content and signs it.

`cryptography` offers SM3 but no SM2 signatures, so the content hash is SM3 and the signature
is Ed25519 (`Alg` says which). The signed message covers Label, ContentProducer, ProduceID,
the content hash and the public key. Every value is base64url without padding, so the JSON
stays within the label character set (no spaces, no backslashes).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from hegui.label.metadata import AIGCLabel, LabelError

TYPE = "ContentSignature"
VERSION = "1.0"
ALG = "Ed25519"
HASH = "SM3"
SignatureState = Literal["valid", "invalid", "absent"]


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def generate_key(private_path: Path) -> Path:
    """Write a new Ed25519 private key (PEM, PKCS#8) and its public key beside it (.pub.pem)."""
    key = Ed25519PrivateKey.generate()
    private_path = Path(private_path)
    if private_path.exists():
        raise LabelError(f"{private_path} exists; hegui does not overwrite keys")
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    private_path.touch(mode=0o600)
    private_path.write_bytes(pem)
    public_path = private_path.with_name(private_path.stem + ".pub.pem")
    public_path.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return public_path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as exc:
        raise LabelError(f"{path}: not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise LabelError(f"{path}: hegui signs with Ed25519 keys (SM2 is not available here)")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except (ValueError, TypeError, OSError) as exc:
        raise LabelError(f"{path}: not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise LabelError(f"{path}: not an Ed25519 public key")
    return key


def _raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _message(label: AIGCLabel, content_hash: str, public_key: str) -> bytes:
    parts = (TYPE, VERSION, label.Label, label.ContentProducer, label.ProduceID,
             HASH, content_hash, ALG, public_key)
    return "\n".join(parts).encode("ascii")


def sign(label: AIGCLabel, digest: bytes, key: Ed25519PrivateKey) -> AIGCLabel:
    """`label` with a SecurityData in ReservedCode1 binding it to `digest`."""
    content_hash, public = b64u(digest), b64u(_raw(key.public_key()))
    data = {"Type": TYPE, "Version": VERSION, "Hash": HASH, "ContentHash": content_hash,
            "Alg": ALG, "PublicKey": public,
            "Signature": b64u(key.sign(_message(label, content_hash, public)))}
    return label.model_copy(update={"ReservedCode1": json.dumps(data, separators=(",", ":"))})


@dataclass(frozen=True)
class Verification:
    state: SignatureState
    problem: str | None = None


def _security_data(label: AIGCLabel) -> dict[str, str] | None:
    text = label.ReservedCode1
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise LabelError("ReservedCode1 looks like JSON but does not parse") from None
    if not isinstance(data, dict) or "Type" not in data or "Version" not in data:
        raise LabelError("SecurityData needs Type and Version")
    return data


def verify(label: AIGCLabel, digest: bytes, trusted: Ed25519PublicKey | None = None) -> Verification:
    """Check the SecurityData of `label` against the content `digest` (and a trusted key)."""
    try:
        data = _security_data(label)
    except LabelError as exc:
        return Verification("invalid", str(exc))
    if data is None:
        return Verification("absent")
    if data.get("Type") != TYPE or data.get("Alg") != ALG or data.get("Hash") != HASH:
        return Verification("invalid", f"unsupported SecurityData {data.get('Type')}/{data.get('Alg')}")
    try:
        public = Ed25519PublicKey.from_public_bytes(unb64u(data["PublicKey"]))
        signature = unb64u(data["Signature"])
    except (KeyError, ValueError) as exc:
        return Verification("invalid", f"SecurityData is incomplete ({exc})")
    if trusted is not None and _raw(trusted) != _raw(public):
        return Verification("invalid", "signed with a key other than the trusted one")
    try:
        public.verify(signature, _message(label, data.get("ContentHash", ""), data["PublicKey"]))
    except InvalidSignature:
        return Verification("invalid", "signature does not match the label (edited?)")
    if data.get("ContentHash") != b64u(digest):
        return Verification("invalid", "content hash does not match (label copied onto other content?)")
    return Verification("valid")

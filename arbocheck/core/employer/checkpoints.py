"""Signed checkpoints of the register: a chain no one can quietly rewrite.

A hash chain alone proves nothing to someone who can write the database: they change a row
and recompute every hash after it, or delete the last rows. So every writing transaction
of the register (an import batch, a campaign, a measure marked done, `verify --rebuild`)
ends with a checkpoint in the same transaction: the number of rows and the last row hash
of every chained table, the time, and the previous checkpoint's hash, signed (ECDSA P-256,
SHA-256) with the employer's key, the key that signs the campaign files.

`state` walks every chain and compares it with the newest checkpoint: a row below it that
was changed or deleted, a broken chain, rows added after it without one, a checkpoint
signed by a key that is not the employer's, or checkpoints that were removed (the newest
one this computer signed is remembered outside the database, in the employer's folder:
the witness) are all reported. Nothing here can sign a damaged state.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, insert, select

from arbocheck.core.trust.keys import fingerprint
from arbocheck.core.employer.schema import GENESIS, TABLES, checkpoints, row_hash

FORMAT = "arbocheck-checkpoint-v1"


def _body(at: str, heads: dict, prev_hash: str, spki_b64: str) -> bytes:
    return json.dumps({"format": FORMAT, "at": at, "heads": heads, "prev_hash": prev_hash, "signer": spki_b64},
                      sort_keys=True, separators=(",", ":")).encode("utf-8")


def _hash(body: bytes, signature_b64: str) -> str:
    return hashlib.sha256(body + b"|" + signature_b64.encode("ascii")).hexdigest()


def _full_heads(conn) -> dict[str, list]:
    out = {}
    for t in TABLES:
        n = conn.execute(select(func.count()).select_from(t)).scalar_one()
        last = conn.execute(select(t.c.row_hash).order_by(t.c.seq.desc()).limit(1)).scalar() or GENESIS
        out[t.name] = [n, last]
    return out


def sign(conn, signer, appended: dict | None) -> dict | None:
    """Append a checkpoint signed with `signer` (keys.SigningKey), in the caller's transaction.

    `appended` ({table: (rows added, last row_hash)} in this transaction) extends the newest
    checkpoint; None counts every chain afresh. Nothing is written when nothing was appended.
    Returns the checkpoint row."""
    last = conn.execute(select(checkpoints).order_by(checkpoints.c.seq.desc()).limit(1)).mappings().first()
    if appended is not None and last is not None:
        if not appended:
            return None
        heads = json.loads(last["heads"])
        for name, (n, head) in appended.items():
            heads[name] = [heads.get(name, [0, GENESIS])[0] + n, head]
    else:
        heads = _full_heads(conn)
        if appended is not None and any(heads[name][0] > appended.get(name, (0, None))[0] for name in heads):
            # The first checkpoint of a register that already has rows no one signed: an ordinary
            # write does not bless them; `verify --rebuild --accept-unsigned` does, when asked.
            return None
    at = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")
    prev = last["row_hash"] if last is not None else GENESIS
    spki = base64.b64encode(signer.spki_der).decode("ascii")
    body = _body(at, heads, prev, spki)
    sig = base64.b64encode(signer.key.sign(body, ec.ECDSA(hashes.SHA256()))).decode("ascii")
    row = {"at": at, "heads": json.dumps(heads, sort_keys=True), "signer_spki": spki, "signature": sig,
           "prev_hash": prev, "row_hash": _hash(body, sig)}
    row["seq"] = conn.execute(insert(checkpoints).values(**row).returning(checkpoints.c.seq)).scalar_one()
    return row


@dataclass
class State:
    damage: list[str] = field(default_factory=list)  # changed, removed or wrongly signed: never to be signed over
    unsigned: list[str] = field(default_factory=list)  # rows added after the newest checkpoint
    notes: list[str] = field(default_factory=list)  # other problems verify reports
    newest: dict | None = None


def _verify_sig(spki_b64: str, signature_b64: str, body: bytes) -> bool:
    try:
        pub = serialization.load_der_public_key(base64.b64decode(spki_b64))
        if not isinstance(pub, ec.EllipticCurvePublicKey):
            return False
        pub.verify(base64.b64decode(signature_b64), body, ec.ECDSA(hashes.SHA256()))
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def state(conn, reg, trusted: list[bytes] | None = None) -> State:
    """Compare every chain with the newest signed checkpoint (see the module's text)."""
    st = State()
    if trusted is None and reg.signer is not None:
        trusted = [reg.signer.spki_der]
    trusted_b64 = {base64.b64encode(t).decode("ascii") for t in trusted} if trusted else None
    prev, newest = GENESIS, None
    for row in conn.execute(select(checkpoints).order_by(checkpoints.c.seq)).mappings():
        body = _body(row["at"], json.loads(row["heads"]), row["prev_hash"], row["signer_spki"])
        if row["prev_hash"] != prev:
            st.damage.append(f"checkpoints row {row['seq']}: the checkpoint before it was removed or changed")
        if _hash(body, row["signature"]) != row["row_hash"]:
            st.damage.append(f"checkpoints row {row['seq']}: changed after it was signed")
        if not _verify_sig(row["signer_spki"], row["signature"], body):
            st.damage.append(f"checkpoints row {row['seq']}: the signature does not verify")
        if trusted_b64 is None:  # no key given: the register's first checkpoint names it
            trusted_b64 = {row["signer_spki"]}
        if row["signer_spki"] not in trusted_b64:
            fp = fingerprint(base64.b64decode(row["signer_spki"]))[:39]
            st.damage.append(f"checkpoints row {row['seq']}: signed with a key that is not the employer's ({fp})")
        prev, newest = row["row_hash"], dict(row)
    st.newest = newest
    heads = json.loads(newest["heads"]) if newest else {}
    when = newest["at"][:19].replace("T", " ") if newest else ""
    for table in TABLES:
        want_n, want_head = heads.get(table.name, [0, GENESIS])
        n, last, at_mark, broken = 0, GENESIS, GENESIS if want_n == 0 else None, False
        for row in conn.execute(select(table).order_by(table.c.seq)).mappings():
            row = dict(row)
            n += 1
            if row["prev_hash"] != last:
                st.damage.append(f"{table.name} row {row['seq']}: the row before it was removed or changed")
                broken = True
            if row_hash(table.name, row) != row["row_hash"]:
                st.damage.append(f"{table.name} row {row['seq']}: changed after it was written")
                broken = True
            last = row["row_hash"]
            if n == want_n:
                at_mark = last
        if n < want_n:
            st.damage.append(f"{table.name}: {want_n - n} of the {want_n} rows covered by the signed checkpoint of "
                             f"{when} are missing")
        elif at_mark != want_head and not broken:
            st.damage.append(f"{table.name}: rows covered by the signed checkpoint of {when} were changed or "
                             f"replaced")
        elif at_mark != want_head:
            st.damage.append(f"{table.name}: the rows no longer match the signed checkpoint of {when}")
        if n > want_n:
            st.unsigned.append(f"{table.name}: {n - want_n} row(s) added " +
                               (f"after the signed checkpoint of {when}" if newest else "without a signed checkpoint")
                               + ", not signed with the employer's key")
    witness = getattr(reg, "witness", None)
    if witness is not None:
        seen = read_witness(witness)
        if seen and (newest is None or newest["seq"] < seen["seq"]
                     or (newest["seq"] == seen["seq"] and newest["row_hash"] != seen["row_hash"])):
            st.damage.append(f"the newest checkpoint this computer signed ({seen['at'][:19].replace('T', ' ')}, "
                             f"number {seen['seq']}) is not in the register: rows and checkpoints were removed")
        elif seen and newest is not None and newest["seq"] >= seen["seq"]:
            known = conn.execute(select(checkpoints.c.row_hash).where(checkpoints.c.seq == seen["seq"])).scalar()
            if known != seen["row_hash"]:
                st.damage.append(f"checkpoint number {seen['seq']}, which this computer signed, was replaced")
    return st


# -- the witness: the newest checkpoint this computer signed, outside the database ---------

def witness_path(folder: Path, url: str) -> Path:
    """One small file per register URL (without its password) in the employer's folder."""
    from sqlalchemy.engine import make_url

    try:
        ident = make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unusual URL: its text is its name
        ident = url
    if ident.startswith("sqlite:///"):
        ident = "sqlite:///" + str(Path(ident.removeprefix("sqlite:///")).resolve())
    return folder / f"{hashlib.sha256(ident.encode('utf-8')).hexdigest()[:32]}.json"


def read_witness(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data.get("seq"), int) and isinstance(data.get("row_hash"), str) else None
    except (OSError, ValueError, AttributeError):
        return None


def remember(path: Path, row: dict) -> None:
    """Record a committed checkpoint as the newest this computer knows (never an older one)."""
    from arbocheck.core.common.storage import atomic_write

    seen = read_witness(path)
    if seen and seen["seq"] >= row["seq"]:
        return
    atomic_write(path, json.dumps({"seq": row["seq"], "row_hash": row["row_hash"], "at": row["at"]}).encode("utf-8"),
                 keep_previous=False, mode=0o600)

#!/usr/bin/env python3
"""Independent re-implementation of the pm/v1 formats from docs/crypto-format.md (pyca/cryptography >= 44).

It shares no code with the C# package (different language, different libraries: OpenSSL instead of libsodium,
a hand-written HChaCha20). It recomputes every known-answer vector of the document and prints
`name = value` lines; `--check FILE` compares them against the ```kat blocks of the document.
"""
import hashlib
import re
import struct
import sys
import uuid

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def seq(start, count):
    return bytes((start + i) & 0xFF for i in range(count))


def rotl(v, c):
    return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))


def hchacha20(key, nonce16):
    s = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    s += list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))

    def qr(a, b, c, d):
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 7)

    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack("<8I", *(s[0:4] + s[12:16]))


def xchacha20poly1305_encrypt(key, nonce24, plaintext, aad):
    subkey = hchacha20(key, nonce24[:16])
    return ChaCha20Poly1305(subkey).encrypt(b"\0\0\0\0" + nonce24[16:], plaintext, aad)


def hkdf(ikm, salt, info, length=32):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt or None, info=info).derive(ikm)


def guid_bytes(text):
    return uuid.UUID(text).bytes  # RFC 4122 big-endian order


def envelope(key, nonce, plaintext, aad):
    return b"\x01\x01" + nonce + xchacha20poly1305_encrypt(key, nonce, plaintext, aad)


def lp(field):
    return struct.pack(">I", len(field)) + field


def raw_pub(key):
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def compute():
    out = {}
    password = "correct horse battery staple"
    salt = seq(0x00, 16)
    user_id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"

    def master_key(pw):
        pw = pw.encode("utf-8")  # no Unicode normalization
        return Argon2id(salt=salt, length=32, iterations=2, lanes=1, memory_cost=19456).derive(pw)

    mk = master_key(password)
    out["master_key"] = mk.hex()
    out["auth_hash"] = hkdf(mk, b"", b"pm/v1/auth").hex()
    kek = hkdf(mk, b"", b"pm/v1/kek")
    out["kek"] = kek.hex()
    out["unicode_auth_hash"] = hkdf(master_key("Pa\u0301sswo\u0308rd \u00e9t\u00e9 \u2603"), b"", b"pm/v1/auth").hex()
    out["user_id_bytes"] = guid_bytes(user_id).hex()

    usk = seq(0x40, 32)
    out["encrypted_user_key"] = envelope(kek, seq(0x60, 24), usk, ("pm/v1/usk|" + user_id).encode()).hex()
    x_priv, ed_seed = seq(0x80, 32), seq(0xA0, 32)
    out["encrypted_private_keys"] = envelope(
        usk, seq(0x78, 24), x_priv + ed_seed, ("pm/v1/private-keys|" + user_id).encode()).hex()

    x_key = X25519PrivateKey.from_private_bytes(x_priv)
    ed_key = Ed25519PrivateKey.from_private_bytes(ed_seed)
    signed = b"\x01" + guid_bytes(user_id) + raw_pub(x_key) + raw_pub(ed_key)
    bundle = signed + ed_key.sign(b"pm/v1/bundle" + signed)
    out["bundle"] = bundle.hex()

    h = hashlib.sha512(b"pm/v1/fingerprint" + raw_pub(x_key) + raw_pub(ed_key) + guid_bytes(user_id)).digest()
    out["fingerprint"] = " ".join(
        "%05d" % (int.from_bytes(h[5 * i:5 * i + 5], "big") % 100000) for i in range(12))

    vault_id, entry_id = "a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8", "e1e2e3e4-f1f2-4102-8304-050607080910"
    dek = seq(0xC0, 32)
    plaintext = b'{"title":"Example","username":"alice","password":"hunter2"}'
    entry_aad = f"pm/v1/entry|{vault_id}|{entry_id}|1|1".encode()
    out["entry_plaintext"] = plaintext.hex()
    out["entry_aad"] = entry_aad.hex()
    out["entry_ciphertext"] = envelope(dek, seq(0xE0, 24), plaintext, entry_aad).hex()

    eph = X25519PrivateKey.from_private_bytes(seq(0x10, 32))
    recipient_pub = bundle[17:49]
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_pub))
    wrap_key = hkdf(shared, raw_pub(eph) + recipient_pub, b"pm/v1/seal")
    out["x25519_public"] = recipient_pub.hex()
    out["ed25519_public"] = raw_pub(ed_key).hex()
    out["ephemeral_public"] = raw_pub(eph).hex()
    out["seal_shared_secret"] = shared.hex()
    out["seal_wrap_key"] = wrap_key.hex()
    seal_aad = f"pm/v1/seal|{vault_id}|{user_id}|1".encode()
    nonce = seq(0x30, 24)
    wrapped = b"\x01\x02" + raw_pub(eph) + nonce + xchacha20poly1305_encrypt(wrap_key, nonce, dek, seal_aad)
    out["seal_aad"] = seal_aad.hex()
    out["wrapped_key"] = wrapped.hex()

    message = (lp(b"pm/v1/access") + lp(guid_bytes(vault_id)) + lp(guid_bytes(user_id))
               + lp(struct.pack(">Q", 1)) + lp(b"admin") + lp(wrapped))
    out["access_message"] = message.hex()
    out["access_signature"] = ed_key.sign(message).hex()
    out.update(attachment_vectors(dek, vault_id, entry_id))

    new_x, new_ed = X25519PrivateKey.from_private_bytes(seq(0x20, 32)), Ed25519PrivateKey.from_private_bytes(seq(0xE0, 32))
    new_signed = b"\x01" + guid_bytes(user_id) + raw_pub(new_x) + raw_pub(new_ed)
    new_bundle = new_signed + new_ed.sign(b"pm/v1/bundle" + new_signed)
    handover_signed = b"\x01" + bundle + new_bundle
    handover_signature = ed_key.sign(b"pm/v1/key-handover" + handover_signed)
    out["handover_new_bundle"] = new_bundle.hex()
    out["handover_signature"] = handover_signature.hex()
    out["handover_statement"] = (handover_signed + handover_signature).hex()
    back_signed = b"\x02" + bundle + new_bundle
    back_old_signature = ed_key.sign(b"pm/v1/key-handover" + back_signed)
    back_new_signature = new_ed.sign(b"pm/v1/key-handover-back" + back_signed + back_old_signature)
    out["handover_v2_old_signature"] = back_old_signature.hex()
    out["handover_v2_new_signature"] = back_new_signature.hex()
    out["handover_v2_statement"] = (back_signed + back_old_signature + back_new_signature).hex()
    out.update(history_vectors(ed_key, vault_id, user_id, entry_id, message,
                               bytes.fromhex(out["entry_ciphertext"])))
    return out


def history_record(ed_key, vault_id, seq_no, prev, author_id, key_epoch, timestamp, changes):
    """docs/crypto-format.md section 21.1: LP fields, then the author's signature over them."""
    body = (lp(b"pm/v1/history") + lp(guid_bytes(vault_id)) + lp(struct.pack(">Q", seq_no)) + lp(prev)
            + lp(guid_bytes(author_id)) + lp(struct.pack(">Q", key_epoch)) + lp(struct.pack(">Q", timestamp))
            + lp(struct.pack(">I", len(changes))) + b"".join(lp(c) for c in changes))
    record = body + lp(ed_key.sign(body))
    return record, hashlib.sha256(record).digest()


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def head_code(seq_no, record_hash):
    bits = int.from_bytes(record_hash[:10], "big")
    chars = "".join(CROCKFORD[(bits >> (75 - 5 * i)) & 31] for i in range(16))
    return f"{seq_no}-" + "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def history_vectors(ed_key, vault_id, user_id, entry_id, access_message, entry_ciphertext):
    out = {}
    access_hash = hashlib.sha256(access_message).digest()
    checkpoint = b"\x05"
    member = b"\x03" + guid_bytes(user_id) + b"\x03" + access_hash
    record1, hash1 = history_record(ed_key, vault_id, 1, bytes(32), user_id, 1, 1767225600000, [checkpoint, member])
    ciphertext_hash = hashlib.sha256(entry_ciphertext).digest()
    entry = b"\x01" + guid_bytes(entry_id) + struct.pack(">Q", 1) + b"\x00" + ciphertext_hash
    record2, hash2 = history_record(ed_key, vault_id, 2, hash1, user_id, 1, 1767225660000, [entry])
    out["history_access_hash"] = access_hash.hex()
    out["history_record_1"] = record1.hex()
    out["history_record_hash_1"] = hash1.hex()
    out["history_head_code_1"] = head_code(1, hash1)
    out["history_ciphertext_hash"] = ciphertext_hash.hex()
    out["history_record_2"] = record2.hex()
    out["history_record_hash_2"] = hash2.hex()
    out["history_head_code_2"] = head_code(2, hash2)
    return out


CHUNK = 65536


def attachment(dek, vault_id, entry_id, attachment_id, epoch, file_key, prefix, key_nonce, meta_nonce, meta_json, plaintext):
    """docs/crypto-format.md section 18: header, then 64 KiB chunks; a full chunk is never the last one."""
    padded = meta_json + b" " * (-len(meta_json) % 128)
    sealed_key = envelope(dek, key_nonce, file_key, f"pm/v1/attachment-key|{vault_id}|{entry_id}|{attachment_id}|{epoch}".encode())
    meta = envelope(file_key, meta_nonce, padded, f"pm/v1/attachment-metadata|{vault_id}|{entry_id}|{attachment_id}".encode())
    header = b"\x01\x03" + prefix + sealed_key + struct.pack(">I", len(meta)) + meta
    chunks = []
    count = len(plaintext) // CHUNK + 1
    for i in range(count):
        final = i == count - 1
        aad = f"pm/v1/attachment-chunk|{attachment_id}|{i}|{1 if final else 0}".encode()
        chunks.append(xchacha20poly1305_encrypt(file_key, prefix + struct.pack(">Q", i), plaintext[i * CHUNK:(i + 1) * CHUNK], aad))
    return padded, sealed_key, header, chunks


def attachment_vectors(dek, vault_id, entry_id):
    out = {}
    attachment_id = "0a0b0c0d-1a1b-4c1c-8d1d-2a2b2c2d2e2f"
    file_key, prefix, key_nonce, meta_nonce = seq(0x70, 32), seq(0x90, 16), seq(0x20, 24), seq(0xD0, 24)
    meta_json = b'{"name":"report.txt","type":"text/plain"}'
    plaintext = b"Attachment test vector.\n"
    padded, sealed_key, header, chunks = attachment(
        dek, vault_id, entry_id, attachment_id, 1, file_key, prefix, key_nonce, meta_nonce, meta_json, plaintext)
    out["attachment_key_aad"] = f"pm/v1/attachment-key|{vault_id}|{entry_id}|{attachment_id}|1".encode().hex()
    out["attachment_sealed_file_key"] = sealed_key.hex()
    out["attachment_metadata_plaintext"] = padded.hex()
    out["attachment_metadata_aad"] = f"pm/v1/attachment-metadata|{vault_id}|{entry_id}|{attachment_id}".encode().hex()
    out["attachment_header"] = header.hex()
    out["attachment_chunk0_nonce"] = (prefix + struct.pack(">Q", 0)).hex()
    out["attachment_chunk0_aad"] = f"pm/v1/attachment-chunk|{attachment_id}|0|1".encode().hex()
    out["attachment_ciphertext"] = (header + b"".join(chunks)).hex()

    large = bytes(i % 251 for i in range(CHUNK + 5))
    _, _, header, chunks = attachment(
        dek, vault_id, entry_id, attachment_id, 1, file_key, prefix, key_nonce, meta_nonce, meta_json, large)
    out["attachment_large_chunk1_aad"] = f"pm/v1/attachment-chunk|{attachment_id}|1|1".encode().hex()
    out["attachment_large_chunk1"] = chunks[1].hex()
    out["attachment_large_ciphertext_length"] = str(len(header) + sum(len(c) for c in chunks))
    out["attachment_large_ciphertext_sha256"] = hashlib.sha256(header + b"".join(chunks)).hexdigest()
    return out


def main():
    out = compute()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        text = open(sys.argv[2], encoding="utf-8").read()
        doc = {}
        for block in re.findall(r"```kat\n(.*?)```", text, re.S):
            for line in block.splitlines():
                if "=" in line:
                    name, value = (part.strip() for part in line.split("=", 1))
                    doc[name] = value
        bad = [name for name, value in out.items() if name in doc and doc[name] != value]
        missing = [name for name in out if name not in doc]
        print(f"checked {len(out) - len(missing)} vectors, {len(bad)} mismatches, missing {missing}")
        for name in bad:
            print(f"MISMATCH {name}\n  doc: {doc[name]}\n  ref: {out[name]}")
        sys.exit(1 if bad or missing else 0)
    for name, value in out.items():
        print(f"{name} = {value}")


if __name__ == "__main__":
    main()

"""Prints a register request body for USERNAME made of random bytes in the v1 envelope formats
(the server checks format and size only, so load tests need no client cryptography)."""
import base64
import json
import os
import sys
import uuid

user_id = uuid.uuid4()
b64 = lambda data: base64.b64encode(data).decode()
print(json.dumps({
    "userId": str(user_id),
    "username": sys.argv[1],
    "authHash": b64(os.urandom(32)),
    "kdf": {"memoryKiB": 65536, "iterations": 3, "parallelism": 1},
    "kdfSalt": b64(os.urandom(16)),
    "encryptedUserKey": b64(b"\x01\x01" + os.urandom(24 + 32 + 16)),
    "encryptedPrivateKeys": b64(b"\x01\x01" + os.urandom(24 + 64 + 16)),
    "publicKeyBundle": b64(b"\x01" + user_id.bytes + os.urandom(32 + 32 + 64)),
}))

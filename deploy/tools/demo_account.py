"""Demo request bodies for trying the API with curl, without a client.

  demo_account.py register USERNAME      register body: random bytes in the v1 envelope formats
  demo_account.py login REGISTER.json    login body for an account made by 'register'

Real clients derive every key with Client.Crypto (docs/crypto-format.md); the server checks only format
and size, so random bytes of the right shape are enough to exercise it.
"""
import base64
import json
import os
import sys
import uuid


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def register(username: str) -> dict:
    user_id = uuid.uuid4()
    return {
        "userId": str(user_id),
        "username": username,
        "authHash": b64(os.urandom(32)),
        "kdf": {"memoryKiB": 65536, "iterations": 3, "parallelism": 1},
        "kdfSalt": b64(os.urandom(16)),
        "encryptedUserKey": b64(b"\x01\x01" + os.urandom(24 + 32 + 16)),
        "encryptedPrivateKeys": b64(b"\x01\x01" + os.urandom(24 + 64 + 16)),
        "publicKeyBundle": b64(b"\x01" + user_id.bytes + os.urandom(32 + 32 + 64)),
    }


def login(register_file: str) -> dict:
    with open(register_file, encoding="utf-8") as f:
        account = json.load(f)
    return {
        "username": account["username"],
        "authHash": account["authHash"],
        "device": {"id": str(uuid.uuid4()), "name": "curl", "type": "cli"},
    }


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("register", "login"):
        sys.exit(__doc__)
    print(json.dumps(register(sys.argv[2]) if sys.argv[1] == "register" else login(sys.argv[2])))

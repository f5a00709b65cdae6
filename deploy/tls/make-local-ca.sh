#!/usr/bin/env bash
# Creates, once, a local certificate authority and certificates signed by it, with openssl, under DIR:
#   ca.crt ca.key                 the local CA (EC P-256, 10 years); give ca.crt to clients: pm config server URL --ca ca.crt
#   server.crt server.key         the server certificate (SAN 127.0.0.1, ::1, localhost, plus PM_TLS_SANS), 2 years
#   client.crt client.key client.p12   a client certificate (extendedKeyUsage clientAuth), for mutual TLS
# Files that exist are kept, so clients that trust ca.crt keep working across restarts. Keys are 0600.
# Usage: deploy/tls/make-local-ca.sh DIR            (PM_TLS_SANS="DNS:pm.example.org,IP:10.0.0.5" adds names)
set -euo pipefail
DIR="${1:?usage: $0 DIR}"
mkdir -p "$DIR"
chmod 700 "$DIR"
cd "$DIR"
umask 077

if [ ! -f ca.crt ] || [ ! -f ca.key ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
  openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=PasswordManager local CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.crt 2>/dev/null
  rm -f server.crt client.crt client.p12
fi

# issue NAME SUBJECT EXTENSIONS: a key and a certificate signed by the CA, unless NAME.crt exists.
issue() {
  local name="$1" subject="$2" extensions="$3"
  [ -f "$name.crt" ] && [ -f "$name.key" ] && return 0
  openssl ecparam -name prime256v1 -genkey -noout -out "$name.key" 2>/dev/null
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr" 2>/dev/null
  printf '%s\n' "$extensions" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 730 \
    -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}

sans="IP:127.0.0.1,IP:::1,DNS:localhost${PM_TLS_SANS:+,$PM_TLS_SANS}"
issue server "/CN=PasswordManager server" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$sans"
issue client "/CN=PasswordManager core" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
if [ ! -f client.p12 ]; then
  openssl pkcs12 -export -in client.crt -inkey client.key -certfile ca.crt -passout pass: -out client.p12 2>/dev/null
fi
chmod 644 ca.crt server.crt client.crt
rm -f ca.srl

#!/usr/bin/env bash
# Builds the GOST PKCS#11 test token: build.sh OUTPUT.so
# Needs gcc, libssl-dev and libengine-gost-openssl (Debian); the PKCS#11
# headers come from the pkcs11js package.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:?usage: build.sh OUTPUT.so}"
mkdir -p "$(dirname "$out")"
gcc -shared -fPIC -fvisibility=hidden -O2 -Wall -Wextra -Wno-deprecated-declarations -Wno-unused-parameter \
  -I "$root/node_modules/pkcs11js/includes/pkcs11" \
  -o "$out.$$.tmp" "$here"/gost-token*.c -lcrypto
# Parallel test workers may build at once: each writes its own file, the rename is atomic.
mv "$out.$$.tmp" "$out"

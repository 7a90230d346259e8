# Sourced by the project's scripts. Installs the Debian packages the project
# needs when they are missing: as root it runs apt-get itself, otherwise it
# prints the exact command and stops.
#   chromium                 end-to-end tests and the demo browser
#   softhsm2, opensc         the PKCS#11 demo/test token and pkcs11-tool
#   libengine-gost-openssl   GOST for OpenSSL (our GOST test token, CMS checks)
#   libssl-dev, gcc, make    building the GOST test token
#   firefox-esr              the overlay's end-to-end test in Firefox (WebDriver BiDi)
system_packages="chromium softhsm2 opensc libengine-gost-openssl libssl-dev gcc make firefox-esr"

missing=""
for p in $system_packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "egisz-bridge: installing Debian packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq $missing >&2 \
      || { echo "egisz-bridge: apt-get install failed" >&2; return 1; }
  else
    echo "egisz-bridge: missing Debian packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    return 1
  fi
fi

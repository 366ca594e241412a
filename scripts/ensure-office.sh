#!/usr/bin/env bash
# Make the office tests runnable: Debian's LibreOffice Writer (headless, no GUI) to open the Word
# redline and convert it to PDF, python3-uno to have LibreOffice accept or reject all tracked
# changes (driven by Debian's /usr/bin/python3, which that package extends), and poppler-utils
# (pdftotext, pdftoppm) to read and render PDFs.
# Idempotent and quiet: does nothing when all of them are already there.
#
# apt-get runs only as root; a held dpkg lock (another apt running) is waited for, up to 10 minutes.
set -euo pipefail

have_all() {
    command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
        && command -v pdftoppm >/dev/null 2>&1 && /usr/bin/python3 -c "import uno" >/dev/null 2>&1
}

if have_all; then
    exit 0
fi

PACKAGES=(libreoffice-writer-nogui python3-uno poppler-utils)
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-office: LibreOffice or poppler-utils is missing; install them as root:" >&2
    echo "    apt-get update && apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_quiet() {
    # Retry while another apt/dpkg holds the lock (the message names the lock file).
    local tries=0 log
    log="$(mktemp)"
    until apt-get -o DPkg::Lock::Timeout=60 "$@" >"$log" 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -ge 10 ] || ! grep -qi "lock" "$log"; then
            cat "$log" >&2
            rm -f "$log"
            return 1
        fi
        sleep 5
    done
    rm -f "$log"
}

echo "ensure-office: installing ${PACKAGES[*]} with apt-get" >&2
apt_quiet update -qq
apt_quiet install -y -qq --no-install-recommends "${PACKAGES[@]}"
have_all || { echo "ensure-office: soffice, python3-uno, pdftotext or pdftoppm still missing after apt-get" >&2; exit 1; }
echo "ensure-office: $(soffice --version 2>/dev/null | head -n 1)" >&2

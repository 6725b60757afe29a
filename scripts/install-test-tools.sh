#!/usr/bin/env bash
# Installs the Debian packages some tests use (LibreOffice to write real PDFs, Tesseract
# for OCR). Best effort: without root or apt the tests that need them skip themselves.
set -u
packages=(libreoffice-writer-nogui tesseract-ocr tesseract-ocr-swe)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "note: ${missing[*]} not installed (needs root and apt); tests that need them skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "note: could not install ${missing[*]}; tests that need them skip" >&2
exit 0

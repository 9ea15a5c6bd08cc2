#!/usr/bin/env bash
# Install the Debian packages the pipeline needs at run time, and only those that are missing.
# OCR: tesseract with the Vietnamese model; PDF tools: poppler; fonts with Vietnamese glyphs for the
# sample generator; chromium for the HTML report test of `directives check`; LibreOffice's Writer
# (headless, no GUI) to convert .doc, .odt and .rtf for the readers.
set -euo pipefail
packages=(tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core fonts-liberation2 chromium)
# Installed without their "recommends" (for LibreOffice: Java, extra dictionaries, help).
lean_packages=(libreoffice-writer-nogui)
missing=()
missing_lean=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for p in "${lean_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing_lean+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && [ ${#missing_lean[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing system packages: ${missing[*]} ${missing_lean[*]}"
install() {  # install [sudo] : the missing packages, the lean ones without their recommends
  local run=("$@")
  "${run[@]}" apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ ${#missing_lean[@]} -gt 0 ]; then
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_lean[@]}" >/dev/null
  fi
}
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    install sudo
    exit 0
  fi
  echo "setup: these Debian packages are missing and installing them needs root:" >&2
  echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]} ${missing_lean[*]}" >&2
  echo "setup: run that once, then run make again." >&2
  exit 1
fi
install

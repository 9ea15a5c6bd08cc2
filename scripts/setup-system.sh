#!/usr/bin/env bash
# Install the Debian packages the pipeline needs at run time, and only those that are missing.
# OCR: tesseract with the Vietnamese model; PDF tools: poppler; fonts with Vietnamese glyphs for the
# sample generator; chromium for the HTML report test of `directives check`.
set -euo pipefail
packages=(tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core fonts-liberation2 chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing system packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    exit 0
  fi
  echo "setup: these Debian packages are missing and installing them needs root:" >&2
  echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  echo "setup: run that once, then run make again." >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null

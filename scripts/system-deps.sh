#!/usr/bin/env bash
# Debian packages hegui's tests and features use: Chromium for the console's browser tests,
# a CJK font for reports and image labels, exiftool and ffmpeg as independent readers.
# Installs only what is missing, so it is quick when everything is there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v exiftool >/dev/null 2>&1 || need+=(libimage-exiftool-perl)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
fc-list 2>/dev/null | grep -qi 'wqy\|WenQuanYi' || need+=(fonts-wqy-microhei fontconfig)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing Debian packages: ${need[*]} (run as root, or install them yourself)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

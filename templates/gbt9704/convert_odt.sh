#!/usr/bin/env bash
# Makes the ODT twin of each built-in DOCX template with LibreOffice, once, after
# make_templates.py changed a DOCX template: pack → soffice --convert-to odt → unpack into
# plugins/<type>/templates/<name>.odt/ (the XML the repository keeps and the build packs).
# Usage: bash templates/gbt9704/convert_odt.sh BUILD_DIR   (BUILD_DIR holds bin/gongwen)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
gongwen=${1:-$root/build}/bin/gongwen
work=$(mktemp -d /tmp/gongwen-odt.XXXXXX)
trap 'rm -rf "$work"' EXIT
for folder in "$root"/plugins/*/templates/*.docx; do
  name=$(basename "$folder" .docx)
  "$gongwen" pack "$folder" -o "$work/$name.docx" --force
  soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
    --convert-to odt --outdir "$work" "$work/$name.docx" >/dev/null 2>&1
  out="$(dirname "$folder")/$name.odt"
  rm -rf "$out" && mkdir -p "$out"
  (cd "$out" && unzip -q "$work/$name.odt")
  # Thumbnails and empty configuration folders are not template content.
  rm -rf "$out/Thumbnails" "$out/Configurations2"
  # LibreOffice's DOCX import reads w:overflowPunct="0" (no hanging punctuation, as Word and
  # WPS read it) the wrong way round; the template wants none to hang (GB/T 9704's 28 a line).
  sed -i 's/style:punctuation-wrap="hanging"/style:punctuation-wrap="simple"/g' "$out/styles.xml" "$out/content.xml"
  sed -i -E 's#<manifest:file-entry manifest:full-path="(Thumbnails|Configurations2)[^>]*/>##g' "$out/META-INF/manifest.xml"
  echo "wrote ${out#$root/}"
done

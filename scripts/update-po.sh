#!/usr/bin/env bash
# The message catalogues (po/): re-extracts every marked message of the command, the library
# and the add-in — _("…"), N_("…"), P_("…", "…", n), see core/include/gongwen/i18n.hpp — into
# po/gongwen.pot and merges it into each po/<lang>.po (new messages come in untranslated, changed
# ones fuzzy: translate them, remove the fuzzy mark, and `msgfmt --check --statistics po/zh_CN.po`
# says nothing is untranslated or fuzzy; ctest -R po_ checks exactly that).
#   bash scripts/update-po.sh            update po/gongwen.pot and po/*.po
#   bash scripts/update-po.sh --pot OUT  only extract, to OUT (the check uses this)
set -euo pipefail
cd "$(dirname "$0")/.."
pot=po/gongwen.pot
only_pot=0
if [ "${1:-}" = --pot ]; then pot=$2; only_pot=1; fi

# Sources: the library, the command, the PDF reader, the office bridge and the add-in.
mapfile -t sources < <(find core addin/src -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | LC_ALL=C sort)
xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=_ --keyword=N_ --keyword=P_:1,2 \
  --add-comments=TRANSLATORS: --add-location=file --sort-by-file --no-wrap --package-name=gongwen \
  --msgid-bugs-address=dev@gongwen.invalid -o "$pot" "${sources[@]}"
[ "$only_pot" = 1 ] && exit 0
for po in po/*.po; do
  msgmerge --quiet --no-wrap --update --backup=none "$po" "$pot"
done

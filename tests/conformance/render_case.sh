#!/bin/sh
# Adapter between the docxtemplater conformance checker and `gongwen render`.
# args: GONGWEN TEMPLATE DATA OUT OPEN CLOSE PARAGRAPH_LOOP LINEBREAKS
bin=$1; shift
pl=on; [ "$6" = "false" ] && pl=off
lb=on; [ "$7" = "false" ] && lb=off
exec "$bin" render "$1" --data "$2" -o "$3" --delimiters "$4" "$5" --paragraph-loop "$pl" --linebreaks "$lb" --force

#!/bin/sh
# Regenerates ../../ts_table.go from Debian's opencc data (apt-get install opencc).
# Run from knowledge/textnorm: go generate ./knowledge/textnorm
set -e
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
opencc_dict -i /usr/share/opencc/TSCharacters.ocd2 -o "$d/TSCharacters.txt" -f ocd2 -t text
opencc_dict -i /usr/share/opencc/TSPhrases.ocd2 -o "$d/TSPhrases.txt" -f ocd2 -t text
go run ./internal/gen -chars "$d/TSCharacters.txt" -phrases "$d/TSPhrases.txt" -o ts_table.go

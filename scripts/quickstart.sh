#!/usr/bin/env bash
# The README's first command: builds nagare if needed, then runs two example jobs locally through
# the `nagare run` command — WordCount on a sample text shipped in the repository, and a distinct
# count over generated strings (kept in keyed state) — prints their results and exits.
set -euo pipefail
. "$(dirname "$0")/common.sh"

nagare_build_if_needed
jar="$(nagare_examples_jar)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== WordCount on docs/examples/hamlet.txt"
"$NAGARE_HOME/scripts/nagare" run -t local -c io.nagare.examples.wordcount.WordCount "$jar" \
  --input "$NAGARE_HOME/docs/examples/hamlet.txt" --output "$out/wordcount.txt"
words=$(wc -l < "$out/wordcount.txt")
echo "$words distinct words; the 15 most frequent (word count):"
sort -k2,2nr -k1,1 "$out/wordcount.txt" | head -n 15 | sed 's/^/  /'

echo
echo "== DistinctCount: 200000 generated 3-letter strings, one keyed state entry per string"
"$NAGARE_HOME/scripts/nagare" run -t local -p 2 -c io.nagare.examples.distinct.DistinctCount "$jar" \
  --records 200000 --length 3 | sed 's/^/  /'
echo
echo "Done. Run the tests with: mvn -B verify"

#!/usr/bin/env bash
# Runs cardtool over every HTML fixture under valgrind: the libxml2 wrapper must free every document
# it parses. Fails on any definitely or indirectly lost block (Swift's runtime caches show up as
# "possibly lost" or "still reachable", which are not leaks of ours).
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:-.build/debug/cardtool}
# Valgrind cannot read every DWARF 5 form clang and swiftc emit ("possibly corrupted debuginfo",
# then it gives up), so it runs on a copy without debug sections; the symbol table stays, so leak
# reports still name functions.
binary=$(mktemp /tmp/cardtool-leakcheck.XXXXXX)
trap 'rm -f "$binary"' EXIT
objcopy --strip-debug "$source" "$binary"
valgrind --quiet --suppressions=scripts/valgrind-swift.supp --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=3 \
  "$binary" parse Tests/Fixtures/html/*.html Tests/Fixtures/html/microformats-tests/*.html -o /dev/null --quiet
echo "leak check: no definite or indirect leaks in HTML parsing"

#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets in Fuzz/ (address sanitizer on every module), seeds each
# from Tests/Fixtures, and runs each for FUZZ_SECONDS (default 60). Crashes and time-outs
# are kept in .fuzz/artifacts/TARGET/ and fail the run; executions per target are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"FuzzVCard FuzzCSV FuzzHTML FuzzName FuzzPhone"}
swift build -c debug --package-path Fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -v -e "^\[" -e "Cannot export local symbol" || true
test -x .build-fuzz/debug/FuzzVCard || { echo "fuzz build failed" >&2; exit 1; }

seed() {  # seed TARGET FILES...
    local dir=.fuzz/corpus/$1; shift
    mkdir -p "$dir"
    for f in "$@"; do cp -n "$f" "$dir/" 2>/dev/null || true; done
}
seed FuzzVCard Tests/Fixtures/vcard/*.vcf Tests/Fixtures/vcard/ez-vcard/*.vcf Tests/Fixtures/book/*.vcf Tests/Fixtures/merge/*.vcf
seed FuzzCSV Tests/Fixtures/csv/*.csv Tests/Fixtures/book/*.csv Tests/Fixtures/merge/*.csv
seed FuzzHTML Tests/Fixtures/html/*.html Tests/Fixtures/merge/*.html
seed FuzzName Tests/Fixtures/fuzz/name-*
mkdir -p .fuzz/corpus/FuzzName .fuzz/corpus/FuzzPhone
printf 'GARCÍA LÓPEZ, ANA' > .fuzz/corpus/FuzzName/seed1
printf 'Dr. María José de la Fuente y Ruiz-Gallardo Jr.' > .fuzz/corpus/FuzzName/seed2
printf 'Ana "Anita" Pérez (Acme)' > .fuzz/corpus/FuzzName/seed3
printf '0034 612-345-678' > .fuzz/corpus/FuzzPhone/seed1
printf '+52 1 55 1234 5678 ext. 12' > .fuzz/corpus/FuzzPhone/seed2
printf '(415) 555-0100' > .fuzz/corpus/FuzzPhone/seed3

failed=0
printf '%-10s %12s %10s  %s\n' target executions per-second result
for t in $targets; do
    mkdir -p .fuzz/artifacts/$t .fuzz/logs
    set +e
    ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/$t .fuzz/corpus/$t -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1 -artifact_prefix=.fuzz/artifacts/$t/ \
        > .fuzz/logs/$t.log 2>&1
    status=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' .fuzz/logs/$t.log | grep -o '[0-9]*$' || echo 0)
    rate=$(( runs / seconds ))
    if [ $status -eq 0 ]; then result=clean; else result="FOUND (see .fuzz/artifacts/$t, .fuzz/logs/$t.log)"; failed=1; fi
    printf '%-10s %12s %10s  %s\n' "$t" "$runs" "$rate" "$result"
done
exit $failed

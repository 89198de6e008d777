#!/usr/bin/env bash
# A season of events through a new event book: the walk-through of docs/event-book.md, run by `make demo`.
# Prints every command and what it answered; the book is demo-out/book.sqlite, the exports are
# demo-out/hubspot-*.csv, the reminders demo-out/reconnect.ics, the third import's page
# demo-out/des-malaga-import.html, the people as a vdir in demo-out/contacts/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cardtool="${CARDTOOL:-$root/.build/debug/cardtool}"
mkdir -p "$root/demo-out"
export CARDTOOL_STORE="$root/demo-out/book.sqlite"
rm -rf "$CARDTOOL_STORE" "$CARDTOOL_STORE-wal" "$CARDTOOL_STORE-shm" "$root/demo-out/contacts"
cd "$root/Tests/Fixtures/book"
step() {
  printf '$ cardtool'; printf ' %q' "$@"; printf '\n'
  "$cardtool" "$@" 2>&1
  echo
}
step import networking-madrid-tech.vcf --event "Networking Madrid Tech" --date 2026-03-12
step import south-summit-badges.csv --event "South Summit Madrid" --date 2026-06-05
step import des-malaga-connections.csv --event "DES Málaga" --date 2026-11-12 --explain --report "$root/demo-out/des-malaga-import.html"
step import south-summit-badges.csv --event "South Summit Madrid" --date 2026-06-05 --quiet
step list --to table --quiet
step export --to csv --crm hubspot -o "$root/demo-out/hubspot-all.csv" --changed-since-last
step show familia.ruizvega@gmail.com --to table
step split p4 r11
step followup --event "South Summit Madrid" --to table
step touch diego.fernandez@logisur.example.es --note "Llamada: quiere una demo en enero" --kind call --date 2026-11-25
step tag p8 investor
step tag pb investor
step cadence --tag investor 3m
step tag p9 investor
step undo
step reconnect --to table
step reconnect --ics "$root/demo-out/reconnect.ics"
step export --to vdir -o "$root/demo-out/contacts"
step events --to table
step export --to csv --crm hubspot -o "$root/demo-out/hubspot-changes.csv" --changed-since-last
step history
# Which events were worth it: the follow-ups and meetings since, the events' costs, and the yield.
step touch francisco.garcia@iberdata.example.es --kind email --date 2026-03-16 --note "Gracias por la charla; le paso la propuesta"
step touch lucia@quintana-arquitectos.example.es --kind call --date 2026-03-17
step touch sofia@fintechandina.example.co --kind email --date 2026-03-19
step touch javier.ruiz@tecnosoluciones.example.es --kind message --date 2026-03-20
step touch marta.gil@farmalia.example.es --kind email --date 2026-06-08
step touch francisco.garcia@iberdata.example.es --kind meeting --date 2026-09-10
step touch lucia@quintana-arquitectos.example.es --kind call --date 2026-10-02
step touch laura.perez@tecnosoluciones.example.es --kind email --date 2026-11-14
step touch pe --kind email --date 2026-11-14
step touch lucia@quintana-arquitectos.example.es --kind meeting --date 2026-11-20
step touch laura.perez@tecnosoluciones.example.es --kind call --date 2026-11-24
step event "Networking Madrid Tech" --note "Afterwork in Malasaña, 40 people" --cost 30
step event "South Summit Madrid" --note "Three days, stand pass" --cost 450
step event "DES Málaga" --cost 120
step events --to table --today 2026-11-30
step event "South Summit Madrid" --to table

# cardtool: two commands do all set-up on a fresh Debian machine with Swift 6:
#   make demo   a season of three events through a new event book, then merge and parse the fixtures (in demo-out/)
#   make test   run the test suite
SWIFT ?= swift
APT_PACKAGES := libxml2-dev libphonenumber-dev libsqlite3-dev
# What the tests drive for real: a browser for the HTML report, a terminal for review, an iCalendar
# parser for the reminders, valgrind for the leak check, a PostgreSQL server for the team book
# (a throwaway cluster, started and stopped by scripts/with-postgres.sh).
TEST_PACKAGES := valgrind binutils util-linux python3-icalendar python3-pil chromium tmux postgresql openssl
FIXTURES := $(wildcard Tests/Fixtures/vcard/*.vcf) $(wildcard Tests/Fixtures/vcard/ez-vcard/*.vcf) $(wildcard Tests/Fixtures/csv/*.csv) \
            $(wildcard Tests/Fixtures/html/*.html)
MERGE := Tests/Fixtures/merge/cards.vcf Tests/Fixtures/merge/badges.csv Tests/Fixtures/merge/connections.html

.PHONY: deps build demo test fuzz install bench bench-dedup bench-book leakcheck clean

deps:
	@bash scripts/install-deps.sh $(APT_PACKAGES)
	@command -v $(SWIFT) >/dev/null || { echo "swift is not on PATH: install Swift 6 first" >&2; exit 1; }

build: deps
	$(SWIFT) build --product cardtool

demo: build
	@mkdir -p demo-out
	bash scripts/season.sh
	$(SWIFT) run --skip-build cardtool merge $(MERGE) -o demo-out/people.jsonl --review demo-out/review.csv --report demo-out/merge-report.html
	$(SWIFT) run --skip-build cardtool merge $(MERGE) --to csv --crm hubspot -o demo-out/people-hubspot.csv --quiet
	$(SWIFT) run --skip-build cardtool dedupe $(MERGE) --clusters demo-out/clusters.csv --explain --quiet > demo-out/explain.txt
	$(SWIFT) run --skip-build cardtool parse $(FIXTURES) --to jsonl -o demo-out/contacts.jsonl
	$(SWIFT) run --skip-build cardtool parse $(FIXTURES) --to vcf --vcard-version 4.0 -o demo-out/contacts.vcf --quiet
	$(SWIFT) run --skip-build cardtool parse $(FIXTURES) --to csv --crm hubspot -o demo-out/hubspot.csv --quiet
	@echo "wrote demo-out/book.sqlite (the season's event book), hubspot-all.csv, hubspot-changes.csv, reconnect.ics;"
	@echo "      des-malaga-import.html, contacts/ (one vCard per person);"
	@echo "      demo-out/people.jsonl ($$(wc -l < demo-out/people.jsonl) people from 26 records), people-hubspot.csv, review.csv, clusters.csv, explain.txt, merge-report.html;"
	@echo "      demo-out/contacts.jsonl ($$(wc -l < demo-out/contacts.jsonl) contacts), contacts.vcf and hubspot.csv"

test: deps
	@bash scripts/install-deps.sh $(TEST_PACKAGES)
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	python3 scripts/check-docs.py
	bash scripts/with-postgres.sh $(SWIFT) test --skip-build
	bash scripts/leakcheck.sh

# Installs the release binary, bash/zsh/fish completions and the man page under PREFIX (DESTDIR for packaging).
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release --product cardtool
	mkdir -p .build/man
	$(SWIFT) package --allow-writing-to-directory .build/man generate-manual --output-directory .build/man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/release/cardtool $(DESTDIR)$(PREFIX)/bin/cardtool
	install -m 644 .build/man/cardtool.1 $(DESTDIR)$(PREFIX)/share/man/man1/cardtool.1
	.build/release/cardtool --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/cardtool
	.build/release/cardtool --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cardtool
	.build/release/cardtool --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/cardtool.fish
	@echo "installed cardtool, its man page and completions under $(DESTDIR)$(PREFIX)"

# libFuzzer on the vCard, CSV and HTML readers and the name and phone normalizers, FUZZ_SECONDS each.
fuzz: deps
	bash scripts/fuzz.sh

leakcheck: build
	@bash scripts/install-deps.sh valgrind
	bash scripts/leakcheck.sh

bench: deps
	$(SWIFT) build -c release --product cardbench
	.build/release/cardbench vcard
	.build/release/cardbench csv
	.build/release/cardbench html
	.build/release/cardbench normalize

bench-dedup: deps
	$(SWIFT) build -c release --product cardtool
	$(SWIFT) build -c release --product cardbench
	python3 scripts/dedup_bench.py
	.build/release/cardbench dedupe --file .bench/gen_contacts-1000000-42/contacts.csv

bench-book: deps
	@bash scripts/install-deps.sh postgresql
	$(SWIFT) build -c release --product cardtool
	$(SWIFT) build -c release --product cardbench
	python3 scripts/book_bench.py
	test -f .bench/gen_contacts-1010000-7/contacts.csv || python3 ../shared/bench/gen_contacts.py 1010000 .bench/gen_contacts-1010000-7 --seed 7 >/dev/null
	.build/release/cardbench store --file .bench/gen_contacts-1010000-7/contacts.csv
	CARDTOOL_PG_DIR=.bench/pg CARDTOOL_PG_DURABLE=1 bash scripts/with-postgres.sh \
	    sh -c '.build/release/cardbench team --file .bench/gen_contacts-1010000-7/contacts.csv --postgres "$$CARDTOOL_TEST_POSTGRES"'

clean:
	rm -rf .build .build-fuzz .fuzz demo-out .bench

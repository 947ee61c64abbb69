# make start: install, create the instance and the demo site, serve http://localhost:8080/Plone
# make test:  install what is missing and run the whole suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTANCE ?= instance
PORT ?= 8080

.PHONY: start install instance site test lint chromium poppler clean remind retention bench \
	start-cluster postgresql backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python setup.py constraints.txt
	$(BIN)/pip install --quiet --upgrade-strategy only-if-needed -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed

instance: install
	$(BIN)/python scripts/make_instance.py $(INSTANCE) $(PORT)

site: instance
	$(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/create_site.py

start: site
	@echo "Serving http://localhost:$(PORT)/Plone (Zope admin: admin)"
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

# Two instances and the background worker on PostgreSQL (RelStorage): README « Several instances ».
# CLUSTER=folder PORTS="8080 8081" CLUSTER_DB=… CLUSTER_DB_USER=…, or RELSTORAGE_DSN for a database of yours.
start-cluster: install
	$(BIN)/python scripts/cluster.py start

# The cluster's database (its blobs with it) and the journals' seals with their key; BACKUP=folder.
backup: install
	$(BIN)/python scripts/cluster.py backup $(BACKUP)

# Restore BACKUP=folder into the stopped cluster.
restore: install
	$(BIN)/python scripts/cluster.py restore $(BACKUP)

# The cluster's test starts a database of its own on the local server.
postgresql:
	@test -n "$$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null)" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

# Reminders to those who have not acknowledged receipt: run daily from a cron, while the site is served.
remind:
	$(BIN)/python scripts/remind.py http://localhost:$(PORT)/Plone

# RGPD: anonymise the contact data of people whose mandates or functions ended more than
# collective.convocation.retention_months ago; run monthly from a cron. DRY_RUN=1 only lists them.
retention:
	$(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/retention.py $(if $(DRY_RUN),--dry-run)

# The browser tests drive Debian's Chromium; Playwright's own browser download cannot work here.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: install chromium postgresql
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

clean:
	rm -rf $(VENV) instance cluster

# make i18n: extract the msgids into the .pot files and sync the French .po files.
# Role and workflow state titles of the plone domain are kept by hand in plone-manual.pot.
LOCALES := src/collective/convocation/locales

$(BIN)/i18ndude: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt i18ndude

.PHONY: i18n
i18n: $(BIN)/i18ndude
	$(BIN)/i18ndude rebuild-pot --pot $(LOCALES)/collective.convocation.pot --create collective.convocation src/collective/convocation
	$(BIN)/i18ndude sync --pot $(LOCALES)/collective.convocation.pot $(LOCALES)/fr/LC_MESSAGES/collective.convocation.po
	$(BIN)/i18ndude rebuild-pot --pot $(LOCALES)/plone.pot --create plone --merge $(LOCALES)/plone-manual.pot src/collective/convocation/profiles
	$(BIN)/i18ndude sync --pot $(LOCALES)/plone.pot $(LOCALES)/fr/LC_MESSAGES/plone.po
	@for po in $(LOCALES)/fr/LC_MESSAGES/*.po; do \
		printf '%s: ' $$po; msgfmt --check --statistics -o /dev/null $$po 2>&1; \
	done

versions.cfg: constraints.txt
	$(BIN)/python scripts/versions_from_constraints.py > $@

# The dossier's baseline is poppler's pdfunite.
poppler:
	@command -v pdfunite >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; }

# DESIGN's targets as ratios against a baseline measured in the same run: those without a site,
# then those of a temporary site of their own (port, folder and SMTP server, removed after).
bench: install poppler
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_site.py

# The two commands a new user needs: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development commands: DEBUG on, so no SECRET_KEY is needed on a fresh machine.
MANAGE := DEBUG=1 $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/jobboard

REDIS_URL_LOCAL ?= redis://127.0.0.1:6379/0
# Redis holds only what can be recomputed: bounded, with the least recently used keys making
# room, it can never run out of memory or refuse a write (README.md, "Production").
REDIS_MAXMEMORY ?= 256mb
# The production stack on this machine: gunicorn, PostgreSQL, Redis, DEBUG off. Plain HTTP
# on loopback, so no HTTPS redirect; a secret key made once and kept out of git.
SERVE_ENV = DEBUG=0 DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(REDIS_URL_LOCAL) \
	SECRET_KEY=$$(cat .secret_key) SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1,localhost

.PHONY: run serve test test-postgres lint install migrate seed clean

run: migrate seed
	$(MANAGE) collectstatic --noinput -v 0
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install .secret_key
	$(BIN)/python -m jobboard.createdb $(POSTGRES_URL)
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0
	$(SERVE_ENV) $(BIN)/python manage.py load_seeds
	redis-cli -u $(REDIS_URL_LOCAL) CONFIG SET maxmemory $(REDIS_MAXMEMORY)
	redis-cli -u $(REDIS_URL_LOCAL) CONFIG SET maxmemory-policy allkeys-lru
	$(SERVE_ENV) $(BIN)/gunicorn -c gunicorn.conf.py jobboard.wsgi

.secret_key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# The same suite on PostgreSQL (a server on 127.0.0.1:5432, trust auth, as on CI).
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest

install: $(VENV)/.installed

# Reinstall only when requirements.txt changes.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

migrate: install
	$(MANAGE) migrate --noinput -v 0

seed: migrate
	$(MANAGE) load_seeds

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache .ruff_cache

# The benchmark harness (bench/README.md): import throughput, HTTP load with wrk against
# gunicorn, queries per page, on each backend, then the write load (below) on PostgreSQL
# (BENCH_ARGS=--writeload-backends=sqlite,postgresql for both, --writeload-backends= for none);
# reports go to bench/results/. Not part of `make test`.
# Example: make bench COUNT=1500 BACKENDS=sqlite BENCH_ARGS=--quick
COUNT ?= 100000
DURATION ?= 15
BACKENDS ?= sqlite,postgresql
FILES ?= 2000
BENCH_ARGS ?=
.PHONY: bench
bench: install
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m bench.run --count $(COUNT) --duration $(DURATION) \
		--backends $(BACKENDS) --files $(FILES) $(BENCH_ARGS)

# The write load (bench/writeload/; `make bench` runs it on PostgreSQL after the rest): ~60
# cached pages under 8 connections with no writes, then one recruiter's title edit every 10 s
# and every 2 s, against the ceiling /robots.txt; fails on any failed request. Needs a loaded
# database (`make bench` loads bench, or bench<COUNT>). Report in bench/results/. Not part of
# `make test`. Example: make writeload COUNT=1500 WRITELOAD_ARGS="--duration 10"
WRITELOAD_DATABASE ?= postgres://postgres@127.0.0.1:5432/$(if $(filter 100000,$(COUNT)),bench,bench$(COUNT))
WRITELOAD_ARGS ?=
.PHONY: writeload
writeload: install
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m bench.writeload --database-url $(WRITELOAD_DATABASE) $(WRITELOAD_ARGS)

# Lighthouse (pinned in audit/package-lock.json, installed on first use) on the list and a
# detail page of the production stack; fails below performance 95 or any other category 100.
# Reports go to bench/results/. Not part of `make test`. Example, with full facets and similar
# jobs: make audit AUDIT_ARGS="--generate 300 --runs 5"
CHROME_PATH ?= /usr/bin/chromium
AUDIT_ARGS ?=
.PHONY: audit
audit: install audit/node_modules/.installed
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python -m bench.audit $(AUDIT_ARGS)

audit/node_modules/.installed: audit/package-lock.json
	npm ci --prefix audit --no-audit --no-fund
	touch $@

# The soak (bench/soak.py): 60 s of mixed-page load with wrk on the production stack, the same
# load during a 10,000-posting import into SQLite, and an import SIGKILLed halfway then re-run;
# fails on any socket error, 5xx, gunicorn error line or half-written posting. Report in
# bench/results/. Not part of `make test`. CI runs: make soak SOAK_ARGS=--quick
SOAK_ARGS ?=
.PHONY: soak
soak: install
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

# The fault drill (bench/drill.py): the production stack under load on its own PostgreSQL
# cluster and redis-server, which it kills, stalls (SIGSTOP) and restarts; hostile posting
# files imported under load; the admin sign-in throttle over HTTP, with Redis and without.
# Fails on a 500, a lost worker, a slow answer or recovery, a throttle bypass. Report in
# bench/results/. Not part of `make test`. CI runs: make drill DRILL_ARGS=--quick
DRILL_ARGS ?=
.PHONY: drill
drill: install
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m bench.drill $(DRILL_ARGS)

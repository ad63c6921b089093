# The two commands of the README; everything else is in scripts/.
DB ?= doithoai
PORT ?= 8069
# WORKERS=4: Odoo's prefork mode (HTTP workers, a cron worker, the websocket process).
WORKERS ?= 0
export DB PORT WORKERS

.PHONY: run test stop setup cluster bench bench-export bench-similarity

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

# Two Odoo servers behind nginx on 127.0.0.1:$(PORT), one database with a streaming replica.
cluster:
	@bash scripts/cluster.sh

setup:
	@bash scripts/setup.sh

stop:
	@bash scripts/stop.sh

# Not a test: times the reminder scan over 100 000 assignments in database $(BENCH_DB).
BENCH_DB ?= doithoai_bench
bench:
	@TEST_DB=$(BENCH_DB) bash scripts/dev-update.sh
	@bash -c 'source scripts/config.sh && source scripts/odoo-lib.sh && odoo_env && exec "$$VENV/bin/python" bench/reminders.py "$$LOCAL/odoo-$(BENCH_DB).conf" $(BENCH_DB)'

# Not a test: the Excel register of 100 000 questions against Odoo's own list export, and a
# 300-question conclusion notice, in their own database (dropped after; see bench/export.sh).
bench-export:
	@bash bench/export.sh

# Not a test: likely duplicates among 300 questions and a new question's suggestions among
# 1 000 000 stored ones (pg_trgm), in their own database (dropped after; see bench/similarity.sh).
bench-similarity:
	@bash bench/similarity.sh

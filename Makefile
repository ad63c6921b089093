# The two commands of the README; everything else is in scripts/.
DB ?= doithoai
PORT ?= 8069
export DB PORT

.PHONY: run test stop setup

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

setup:
	@bash scripts/setup.sh

stop:
	@bash scripts/stop.sh

#!/usr/bin/env bash
# Reproduces the table in docs/BENCHMARKS.md from scratch:
#   benches/run.sh                 # corpora of 200 and 1,000 questionnaires
#   benches/run.sh 200 1000 10000  # and 10,000 (the competitor is skipped past 1,000)
# Builds socscope and the bench tools in release mode, creates the pandas competitor's
# virtual environment (benches/competitor/.venv) if it can, generates the corpora in
# target/bench/ (deterministic, seed 7), and prints the table (also target/bench/report.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins --examples
benches/competitor/setup.sh || echo "competitor unavailable (no Python venv): its rows are skipped"
exec target/release/examples/bench "$@"

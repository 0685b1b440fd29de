#!/usr/bin/env bash
# Seeds the fuzz corpora from fixtures/ (and the calamine crashers in ../shared, if present).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/csv_reader corpus/workbook_reader
for f in ../fixtures/*.csv ../fixtures/*.tsv ../fixtures/*.txt ../fixtures/wayne-bank/*.csv; do
  cp "$f" corpus/csv_reader/
done
# workbook_reader: first byte selects the extension (0 xlsx, 1 xls, 2 ods, 3 xlsb, 4 xlsm).
seed() { { printf "\\x$(printf %02x "$2")"; cat "$1"; } > "corpus/workbook_reader/$(basename "$1").seed"; }
for f in ../fixtures/*.xlsx ../fixtures/wayne-bank/2026/*.xlsx; do seed "$f" 0; done
seed ../fixtures/globex-payroll.xls 1
seed ../fixtures/initech.ods 2
for f in ../../shared/research/crashers/*.xls; do [ -f "$f" ] && seed "$f" 1; done
echo "seeded: $(ls corpus/csv_reader | wc -l) csv, $(ls corpus/workbook_reader | wc -l) workbook inputs"

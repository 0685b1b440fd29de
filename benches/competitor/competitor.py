#!/usr/bin/env python3
"""The script a typical analyst writes instead of socscope: pandas (openpyxl/xlrd) reads every
sheet, a header is guessed in the first rows, and regular expressions built from the same
keywords as socscope's catalog tag each question; multiprocessing spreads files over the cores.

Usage: competitor.py INPUT_DIR OUT_DIR --rules rules.json [--workers N]
(rules.json is `socscope rules --format json`, so both tools match the same vocabulary.)
Writes OUT_DIR/questions.csv and OUT_DIR/summary.csv.
"""
import argparse
import csv
import io
import json
import multiprocessing
import os
import re
import sys

import pandas as pd

HEADER_WORDS = re.compile(r"question|requirement|control|query|statement", re.I)
PATTERNS = None  # per worker: [(compiled regex, categories, soc1, signals)]


def load_patterns(rules_path):
    with open(rules_path, encoding="utf-8") as f:
        catalog = json.load(f)
    patterns = []
    for rule in catalog["rules"]:
        if rule["ignore"] or rule["profile"]:
            continue
        words = []
        for keyword in rule["keywords"]:
            prefix = keyword.endswith("*")
            body = re.escape(keyword.rstrip("*")).replace(r"\-", r"[\s-]?").replace(r"\ ", r"\s+")
            words.append(body + (r"\w*" if prefix else r"(?:e?s)?\b"))
        regex = re.compile(r"\b(?:" + "|".join(words) + ")", re.I)
        patterns.append((regex, rule["categories"], bool(rule["soc1_areas"]), rule["signals"]))
    return patterns


def init_worker(rules_path):
    global PATTERNS
    PATTERNS = load_patterns(rules_path)


def read_text(path):
    raw = open(path, "rb").read()
    for encoding in ("utf-16", "utf-8-sig", "cp1252"):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    width = max((line.count(sep) for line in text.splitlines()[:200]), default=0) + 1
    frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, names=range(width),
                        skip_blank_lines=False, engine="python", on_bad_lines="skip")
    return {"": frame}


def read_file(path):
    ext = os.path.splitext(path)[1].lower()
    if ext in (".xlsx", ".xlsm", ".xls", ".ods"):
        return pd.read_excel(path, sheet_name=None, header=None, dtype=str)
    return read_text(path)


def find_layout(frame):
    """First of the first 20 rows with a cell that looks like a question header; else the
    column with the most text."""
    for i in range(min(20, len(frame))):
        row = frame.iloc[i]
        for col, value in row.items():
            if isinstance(value, str) and len(value) < 40 and HEADER_WORDS.search(value):
                return i, col
    lengths = {col: frame[col].dropna().astype(str).str.len().sum() for col in frame.columns}
    return -1, max(lengths, key=lengths.get) if lengths else None


def analyze_file(task):
    path, rel, customer = task
    try:
        sheets = read_file(path)
    except Exception as error:  # noqa: BLE001 - the analyst's script skips what it cannot read
        return rel, customer, [], str(error)
    rows = []
    for sheet, frame in sheets.items():
        if frame.empty:
            continue
        header, col = find_layout(frame)
        if col is None:
            continue
        for i in range(header + 1, len(frame)):
            text = frame.iat[i, frame.columns.get_loc(col)]
            if not isinstance(text, str) or len(text.split()) < 3:
                continue
            categories, soc1, signals = set(), False, set()
            for regex, cats, is_soc1, sigs in PATTERNS:
                if regex.search(text):
                    categories.update(cats)
                    soc1 = soc1 or is_soc1
                    signals.update(sigs)
            rows.append((sheet, i + 1, " ".join(text.split()), sorted(categories), soc1, sorted(signals)))
    return rel, customer, rows, None


def discover(root):
    tasks = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")):
                continue
            if os.path.splitext(name)[1].lower() not in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"):
                continue
            path = os.path.join(directory, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            customer = rel.split("/")[0] if "/" in rel else os.path.splitext(name)[0]
            tasks.append((path, rel, customer))
    return tasks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--rules", required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    tasks = discover(args.input_dir)
    tallies = {}
    with multiprocessing.Pool(args.workers, initializer=init_worker, initargs=(args.rules,)) as pool, \
            open(os.path.join(args.out_dir, "questions.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["customer", "file", "sheet", "row", "question", "categories", "soc1", "signals"])
        for rel, customer, rows, error in pool.imap(analyze_file, tasks, chunksize=1):
            tally = tallies.setdefault(customer, {"questions": 0, "soc1": 0, "cats": {}, "signals": set()})
            for sheet, row, text, categories, soc1, signals in rows:
                writer.writerow([customer, rel, sheet, row, text, ";".join(categories), soc1, ";".join(signals)])
                tally["questions"] += 1
                tally["soc1"] += soc1
                for c in categories:
                    tally["cats"][c] = tally["cats"].get(c, 0) + 1
                tally["signals"].update(signals)
    with open(os.path.join(args.out_dir, "summary.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["customer", "questions", "recommendation", "report_type", "soc2_categories"])
        for customer, t in sorted(tallies.items()):
            soc1 = t["soc1"] >= 3 or "soc1" in t["signals"]
            soc2 = t["cats"].get("Security", 0) >= 3 or "soc2" in t["signals"]
            recommendation = {(True, True): "SOC 1 + SOC 2", (True, False): "SOC 1",
                              (False, True): "SOC 2", (False, False): "none"}[(soc1, soc2)]
            kind = "Type 1" if "type1" in t["signals"] and "type2" not in t["signals"] else "Type 2"
            cats = ["Security"] + [c for c in ("Availability", "Confidentiality", "Processing Integrity", "Privacy")
                                   if t["cats"].get(c, 0) >= 3] if soc2 else []
            writer.writerow([customer, t["questions"], recommendation,
                             kind if recommendation != "none" else "", ";".join(cats)])
    return 0


if __name__ == "__main__":
    sys.exit(main())

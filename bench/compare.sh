#!/usr/bin/env bash
# Throughput and peak memory of `budgetpdf convert` over the samples and the real corpus, on
# one core and on all cores, and a rerun that resumes; side by side with pdfplumber's
# extract_tables and poppler's `pdftotext -layout` on the same files when they are installed
# (optional: budgetpdf never depends on them).
#
# Usage: bench/compare.sh [FILES_OR_FOLDERS...]
#   (default: samples/pdf, and $BUDGETPDF_CORPUS/real when that variable names the corpus)
# Needs a release build (built here if missing) and GNU time (/usr/bin/time) for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
    inputs=(samples/pdf)
    [ -n "${BUDGETPDF_CORPUS:-}" ] && inputs+=("$BUDGETPDF_CORPUS/real")
fi
cargo build --release --quiet
bin=target/release/budgetpdf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)

# The files, as budgetpdf finds them (PDFs in the folders, recursively).
find "${inputs[@]}" -type f -iname '*.pdf' -not -path '*/.*' | sort > "$work/files"
files=$(wc -l < "$work/files")

# Pages of every file, counted by poppler when available, else by budgetpdf's own output.
count_pages() {
    if command -v pdfinfo > /dev/null; then
        while read -r f; do pdfinfo "$f" 2> /dev/null | awk '/^Pages:/ {print $2}'; done < "$work/files" |
            awk '{s += $1} END {print s + 0}'
    else
        awk -F, 'NR > 1 {s += $9} END {print s + 0}' "$work/one/documents.csv"
    fi
}

# run NAME COMMAND...: wall seconds and peak RSS (KiB; the largest single process, workers
# included) into $work/NAME.time.
run() {
    local name=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" > /dev/null 2> "$work/$name.err" || true
    else
        local start end
        start=$(date +%s.%N)
        "$@" > /dev/null 2> "$work/$name.err" || true
        end=$(date +%s.%N)
        echo "$(echo "$end - $start" | bc) 0" > "$work/$name.time"
    fi
}

run one "$bin" convert --files-from "$work/files" -o "$work/one" --jobs 1
run all "$bin" convert --files-from "$work/files" -o "$work/all" --jobs "$cores"
run resume "$bin" convert --files-from "$work/files" -o "$work/all" --jobs "$cores"
pages=$(count_pages)

if python3 -c 'import pdfplumber' 2> /dev/null; then
    cat > "$work/plumber.py" << 'PY'
import sys
import pdfplumber
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
    except Exception as error:  # a file pdfplumber cannot open still costs its time
        print(path, error, file=sys.stderr)
PY
    run pdfplumber python3 "$work/plumber.py" "$work/files"
fi
if command -v pdftotext > /dev/null; then
    run pdftotext sh -c 'while read -r f; do pdftotext -layout "$f" - || true; done < "$1"' _ "$work/files"
fi

ours=$(tail -n 1 "$work/all.time" | awk '{print $1}')
echo "$files files, $pages pages ($cores cores)"
printf '%-34s %9s %9s %13s %10s\n' tool seconds pages/s 'vs budgetpdf' 'peak RSS'
for name in one all resume pdfplumber pdftotext; do
    [ -f "$work/$name.time" ] || continue
    # GNU time puts "Command exited with non-zero status N" first when the tool exits non-zero
    # (budgetpdf does when some inputs are scans); the figures are on the last line.
    read -r seconds rss < <(tail -n 1 "$work/$name.time")
    case $name in
        one) label="budgetpdf convert --jobs 1" ;;
        all) label="budgetpdf convert --jobs $cores" ;;
        resume) label="budgetpdf rerun (all reused)" ;;
        pdfplumber) label="pdfplumber extract_tables (1 core)" ;;
        pdftotext) label="pdftotext -layout (1 core)" ;;
    esac
    awk -v l="$label" -v s="$seconds" -v p="$pages" -v o="$ours" -v r="$rss" 'BEGIN {
        printf "%-34s %9.2f %9.1f %12.2fx %7.0f MB\n", l, s, p / s, s / o, r / 1024 }'
done
echo "(vs budgetpdf: how many times longer than budgetpdf --jobs $cores took)"
tail -n 4 "$work/all.err" | sed 's/^/budgetpdf: /'

#!/usr/bin/env bash
# Full-build benchmark: Bærekrafthjelperen against Hugo on the same corpus.
#
#   bench/compare.sh [N ...]          default: 100 1000 10000
#
# Environment: RUNS (default 5) timed runs per tool and size, RUNS_LARGE
# (default 3) for N >= 10000, SEED (default 1), KEEP=1 keeps the temporary
# folder (corpora, outputs, raw timings) and prints its path, WARM=1
# rebuilds over the previous output instead of into an empty folder,
# CONFIG=real builds our side with the toolbox's real settings (search
# index, zip, nb + nn: corpus format hjelperen-real) instead of the core
# configuration (search off, as Hugo has none), which is the default.
#
# Installs nothing. Needs Go and /usr/bin/time (Debian package "time");
# uses hugo when it is on PATH and otherwise reports only our figures.
# Each size: one warm-up build per tool, then timed builds alternating
# between the tools. By default the output folder (and the copy of the
# previous output hjelperen keeps beside it, .<folder>.prev) is removed
# before every build, outside the timing, so both tools create every file.
# With WARM=1 nothing is removed: Hugo writes over its output and
# hjelperen reuses its kept copy, as when an editor builds again.
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
runs=${RUNS:-5}
runs_large=${RUNS_LARGE:-3}
seed=${SEED:-1}
case "${CONFIG:-core}" in
core) format=hjelperen ;;
real) format=hjelperen-real ;;
*) echo "compare.sh: CONFIG must be core or real, not ${CONFIG}" >&2; exit 2 ;;
esac

if [ ! -x /usr/bin/time ]; then
  echo "compare.sh: /usr/bin/time is missing (apt-get install time)" >&2
  exit 1
fi
have_hugo=0
if command -v hugo >/dev/null 2>&1; then
  have_hugo=1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hjelperen-bench.XXXXXX")
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

echo "Building hjelperen and the corpus generator..." >&2
go build -o "$tmp/hjelperen" ./cmd/hjelperen
go build -o "$tmp/corpus" ./bench/cmd/corpus

echo "mode: $([ "${WARM:-0}" = 1 ] && echo "warm (builds over the previous output)" || echo "cold (every build into an empty folder)")"
echo "configuration: ${CONFIG:-core} (corpus format $format)"
echo "machine: $(nproc) CPUs, $(uname -sr), $(go version | cut -d' ' -f3)"
echo "hjelperen: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+dirty')"
if [ $have_hugo = 1 ]; then
  echo "hugo: $(hugo version | cut -d' ' -f1-2)"
else
  echo "hugo: not found on PATH; Hugo is missing, so only our figures are shown (Debian: apt-get install hugo)"
fi
echo

# measure TOOL SITE OUT: one build; appends "wall_s cpu_s rss_kb" to
# $tmp/TOOL-N.txt.
measure() {
  local tool=$1 site=$2 out=$3 n=$4
  if [ "${WARM:-0}" != 1 ]; then
    rm -rf "$out" "$(dirname "$out")/.$(basename "$out").prev"
  fi
  local t0 t1
  t0=$EPOCHREALTIME
  if [ "$tool" = hjelperen ]; then
    /usr/bin/time -v -o "$tmp/time.txt" "$tmp/hjelperen" build --source "$site" --dest "$out" >"$tmp/log.txt" 2>&1 ||
      { cat "$tmp/log.txt" >&2; return 1; }
  else
    /usr/bin/time -v -o "$tmp/time.txt" hugo --quiet --source "$site" --destination "$out" >"$tmp/log.txt" 2>&1 ||
      { cat "$tmp/log.txt" >&2; return 1; }
  fi
  t1=$EPOCHREALTIME
  awk -v t0="$t0" -v t1="$t1" '
    /User time \(seconds\)/ { u = $NF }
    /System time \(seconds\)/ { s = $NF }
    /Maximum resident set size/ { r = $NF }
    END { printf "%.4f %.2f %d\n", t1 - t0, u + s, r }' "$tmp/time.txt" >>"$tmp/$tool-$n.txt"
}

# median FILE COLUMN
median() {
  awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

rows=()
for n in "${sizes[@]}"; do
  r=$runs
  [ "$n" -ge 10000 ] && r=$runs_large
  echo "N=$n: writing corpora, warm-up, $r timed runs per tool..." >&2
  "$tmp/corpus" -n "$n" -seed "$seed" -format "$format" -out "$tmp/site-h-$n"
  tools=(hjelperen)
  if [ $have_hugo = 1 ]; then
    "$tmp/corpus" -n "$n" -seed "$seed" -format hugo -out "$tmp/site-g-$n"
    tools+=(hugo)
  fi
  for tool in "${tools[@]}"; do
    site="$tmp/site-h-$n"
    [ "$tool" = hugo ] && site="$tmp/site-g-$n"
    measure "$tool" "$site" "$tmp/out-$tool" "warm-$n"
  done
  for ((i = 1; i <= r; i++)); do
    # alternate which tool goes first, so neither always runs on a
    # machine the other has just warmed or heated
    order=("${tools[@]}")
    if [ $((i % 2)) = 0 ] && [ ${#tools[@]} = 2 ]; then order=(hugo hjelperen); fi
    for tool in "${order[@]}"; do
      site="$tmp/site-h-$n"
      [ "$tool" = hugo ] && site="$tmp/site-g-$n"
      measure "$tool" "$site" "$tmp/out-$tool" "$n"
    done
  done
  rm -rf "$tmp/out-hjelperen" "$tmp/.out-hjelperen.prev" "$tmp/out-hugo"
  for tool in "${tools[@]}"; do
    rows+=("$n $tool $(median "$tmp/$tool-$n.txt" 1) $(median "$tmp/$tool-$n.txt" 2) $(median "$tmp/$tool-$n.txt" 3) $r")
  done
  # the corpora of the big sizes take a lot of disk; drop them now
  [ "${KEEP:-0}" = 1 ] || rm -rf "$tmp/site-h-$n" "$tmp/site-g-$n"
done

echo
printf '%-7s %-10s %5s %11s %10s %13s\n' pages tool runs "wall (s)" "CPU (s)" "peak RSS (MB)"
for row in "${rows[@]}"; do
  read -r n tool wall cpu rss r <<<"$row"
  printf '%-7s %-10s %5s %11.3f %10.2f %13.1f\n' "$n" "$tool" "$r" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
echo "(medians; CPU = user + sys; peak RSS = maximum resident set size from /usr/bin/time -v)"

if [ $have_hugo = 1 ]; then
  echo
  printf '%-7s %12s %12s %12s\n' pages "wall ratio" "CPU ratio" "RSS ratio"
  for n in "${sizes[@]}"; do
    ours="" theirs=""
    for row in "${rows[@]}"; do
      read -r rn tool wall cpu rss r <<<"$row"
      [ "$rn" = "$n" ] || continue
      if [ "$tool" = hjelperen ]; then ours="$wall $cpu $rss"; else theirs="$wall $cpu $rss"; fi
    done
    awk -v n="$n" -v a="$ours" -v b="$theirs" 'BEGIN {
      split(a, x, " "); split(b, y, " ")
      printf "%-7s %11.2fx %11.2fx %11.2fx\n", n, x[1] / y[1], (y[2] > 0 ? x[2] / y[2] : 0), x[3] / y[3] }'
  done
  echo "(ours / Hugo's; below 1 means we are faster or smaller; targets: wall <= 0.25x at 1000 and 10000, RSS <= 0.25x at 10000)"
else
  echo
  echo "Hugo is missing: no ratios (install the Debian package hugo to compare)."
fi

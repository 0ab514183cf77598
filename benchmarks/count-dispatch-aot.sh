#!/usr/bin/env bash
# Instructions per message of the raw channel or the generated dispatcher compiled ahead of time (optimised code;
# see Eventfold.Benchmarks.DispatchCount), counted by callgrind over the counted turns only.
# Usage: benchmarks/count-dispatch-aot.sh <1|4 workers> <0 raw channel|1 generated> <turns> <out dir>
# Publishes once into <out dir>/bin (delete it after changing the code). Prints the instructions per message.
set -euo pipefail
workers=$1 contender=$2 turns=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
bin="$out/bin/Eventfold.Benchmarks.DispatchCount"
mkdir -p "$out"
if [ ! -x "$bin" ]; then
  nice dotnet publish "$here/Eventfold.Benchmarks.DispatchCount" -c Release -r linux-x64 -o "$out/bin" >"$out/publish.log"
  strip --strip-debug "$bin" && rm -f "$out/bin/"*.dbg # valgrind 3.19 cannot read ILC's DWARF; the symbols stay
fi
name="w${workers}-c${contender}"
nice valgrind --tool=callgrind --compress-strings=no --compress-pos=no --callgrind-out-file="$out/$name.%p.out" \
  "$bin" "$workers" "$contender" "$turns" >"$out/$name.log" 2>"$out/$name.err" &
vg=$!
until grep -q '^counting' "$out/$name.log" 2>/dev/null; do sleep 1; done
sleep 2; callgrind_control -z "$vg" >/dev/null
until grep -q '^counted' "$out/$name.log" 2>/dev/null; do sleep 1; done
callgrind_control -d "$vg" >/dev/null
wait "$vg"
dump=$(ls -t "$out/$name".*.out.1 | head -1)
total=$(grep -m1 -E '^(summary|totals):' "$dump" | awk '{print $2}')
echo "$name: $(tail -1 "$out/$name.log"): $total instructions, $(awk -v t="$total" -v n="$turns" 'BEGIN { printf "%.1f", t / (n * 100000) }') per message ($dump)"

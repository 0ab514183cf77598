#!/usr/bin/env python3
"""Self instructions per function in a callgrind dump taken with --dump-instr=yes, jitted code named from the
process's perf map (DOTNET_PerfMapEnabled=1). Usage: count-dispatch-map.py <dump> <perf map> <messages> [top]"""
import bisect, re, sys

dump, perfmap, messages = sys.argv[1], sys.argv[2], int(sys.argv[3])
top = int(sys.argv[4]) if len(sys.argv) > 4 else 40

starts, ends, names = [], [], []
for line in open(perfmap):
    addr, size, name = line.rstrip("\n").split(" ", 2)
    starts.append(int(addr, 16)); ends.append(int(addr, 16) + int(size, 16)); names.append(name)
order = sorted(range(len(starts)), key=starts.__getitem__)
starts = [starts[i] for i in order]; ends = [ends[i] for i in order]; names = [names[i] for i in order]

def jitted(addr):
    i = bisect.bisect_right(starts, addr) - 1
    if i >= 0 and addr < ends[i]:
        return names[i]
    return None

names_by_id = {"ob": {}, "fn": {}}
def named(kind, value):
    m = re.match(r"\((\d+)\)(?: (.*))?", value)
    if not m:
        return value
    if m.group(2) is not None:
        names_by_id[kind][m.group(1)] = m.group(2)
    return names_by_id[kind].get(m.group(1), value)

self_cost, total = {}, 0
ob = fn = "?"
addr = 0
skip_next = False
for line in open(dump):
    if line.startswith(("ob=", "fn=")):
        kind, value = line.rstrip("\n").split("=", 1)
        if kind == "ob": ob = named("ob", value)
        else: fn = named("fn", value)
        continue
    if line.startswith(("cob=", "cfn=", "cfi=", "cfl=")):
        kind, value = line.rstrip("\n").split("=", 1)
        named("ob" if kind == "cob" else "fn" if kind == "cfn" else "fl", value) if kind in ("cob", "cfn") else None
        continue
    if line.startswith("calls="):
        skip_next = True
        continue
    if not line or not (line[0] in "+-*0123456789"):
        continue
    parts = line.split()
    a = parts[0]
    if a.startswith("+"): addr += int(a[1:], 16 if a[1:].startswith("0x") else 10) if not a[1:].startswith("0x") else int(a[1:], 16)
    elif a.startswith("-"): addr -= int(a[1:], 16) if a[1:].startswith("0x") else int(a[1:])
    elif a == "*": pass
    else: addr = int(a, 16) if a.startswith("0x") else int(a)
    cost = int(parts[2]) if len(parts) > 2 else 0
    if skip_next:
        skip_next = False
        continue
    total += cost
    key = jitted(addr) if ob.endswith("???") or fn.startswith("0x") else None
    key = key or (fn + "  [" + ob.rsplit("/", 1)[-1] + "]")
    self_cost[key] = self_cost.get(key, 0) + cost

print(f"{total:,} instructions, {total / messages:.1f} per message over {messages:,} messages")
for name, cost in sorted(self_cost.items(), key=lambda kv: -kv[1])[:top]:
    print(f"{cost / messages:9.1f}  {100 * cost / total:5.1f}%  {name}")

#!/usr/bin/env bash
# Runbook: after a failover, re-sync the stale nodes (README, "After a failover").
#   examples/runbook.sh CLUSTER_DIR      (a directory with one NODE/term.json per node, and
#                                         RedDB's data file NODE/data.rdb beside it)
# 1. show the cluster; 2. find the highest term and the stale nodes; 3. check that a current node
# fences the stale node's stream handshake; 4. check that the stale node's database is stopped
# (its data file unlocked): if it runs, stop here (exit 75) and say what to do; 5. re-sync it with
# a compare-and-set adopt (it acts only if the node is still at the term we inspected), recording
# why, with a journal; 6. show the cluster again. Exit 0 when every node ends at the highest term.
set -u
here=$(cd "$(dirname "$0")" && pwd)
termctl="${TERMCTL:-$here/../scripts/termctl}"
cluster="${1:?usage: examples/runbook.sh CLUSTER_DIR (run it on a copy: it changes the files)}"
journal="$cluster/termctl.journal"
nodes=("$cluster"/*/term.json)

# The operator's next step when a node's database runs: the write would be refused (75), and a
# write forced past it (--while-running) could be undone by the database.
running() {
  echo "runbook: RedDB is running beside $1 (a process holds its data file locked); nothing was changed." >&2
  echo "runbook: stop RedDB on that node (systemctl stop reddb), check that" \
    "'termctl show --json -f $1' says \"database_running\":false, then run this runbook again." >&2
  exit 75
}

echo "== 1. the cluster"
"$termctl" show "${nodes[@]}"
case $? in
  0) echo "every node is at the highest term: nothing to do"; exit 0 ;;
  20) ;;
  *) echo "runbook: a node is invalid or unreadable: fix it by hand first" >&2; exit 1 ;;
esac

echo "== 2. the highest term and the stale nodes"
highest=$(for n in "${nodes[@]}"; do "$termctl" show --term-only -f "$n"; done | sort -n | tail -n 1)
current="" stale=()
for n in "${nodes[@]}"; do
  t=$("$termctl" show --term-only -f "$n")
  if [ "$t" = "$highest" ]; then current="$n"; else stale+=("$n:$t"); fi
done
echo "highest term $highest; current: $current; stale: ${stale[*]}"

for entry in "${stale[@]}"; do
  node="${entry%:*}" term="${entry##*:}"
  echo "== 3. a current node fences the stream of $node (term $term)"
  "$termctl" admit-handshake --dry-run -f "$current" "$term"
  if [ $? -ne 20 ]; then echo "runbook: expected the stale handshake to be fenced" >&2; exit 1; fi

  echo "== 4. is the database beside $node stopped?"
  state=$("$termctl" show --json -f "$node" | grep -o '"database_running":[a-z]*')
  case $state in
    *false) echo "yes: its data file is not locked" ;;
    *true) running "$node" ;;
    *) echo "runbook: termctl cannot tell whether RedDB runs beside $node (no data.rdb there):" \
         "check that it is stopped, then adopt by hand with --data-file naming its data file" >&2; exit 1 ;;
  esac

  echo "== 5. re-sync $node: adopt $highest if it is still at $term"
  "$termctl" adopt --expect-current "$term" --reason "runbook: re-synced after failover to term $highest" \
    --journal "$journal" -f "$node" "$highest"
  case $? in
    10|0) ;;
    30) echo "runbook: $node moved since we looked; inspect it again" >&2; exit 1 ;;
    75) running "$node" ;;
    *) echo "runbook: adopt failed" >&2; exit 1 ;;
  esac
done

echo "== 6. the cluster again"
"$termctl" show "${nodes[@]}" && "$termctl" history --journal "$journal"

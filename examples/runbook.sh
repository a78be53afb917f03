#!/usr/bin/env bash
# Runbook: after a failover, re-sync a stale ex-primary.
#   examples/runbook.sh CLUSTER_DIR      (a directory with one NODE/term.json per node)
# 1. show the cluster; 2. find the highest term and the stale nodes; 3. check that a current node
# fences the stale node's stream handshake; 4. re-sync each stale node with a compare-and-set adopt
# (it acts only if the node is still at the term we inspected), recording why, with a journal;
# 5. show the cluster again. Exit 0 when every node ends at the highest term.
set -u
here=$(cd "$(dirname "$0")" && pwd)
termctl="${TERMCTL:-$here/../scripts/termctl}"
cluster="${1:?usage: examples/runbook.sh CLUSTER_DIR (run it on a copy: it changes the files)}"
journal="$cluster/termctl.journal"
nodes=("$cluster"/*/term.json)

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

  echo "== 4. re-sync $node: adopt $highest if it is still at $term"
  "$termctl" adopt --expect-current "$term" --reason "runbook: re-synced after failover to term $highest" \
    --journal "$journal" -f "$node" "$highest"
  case $? in
    10|0) ;;
    30) echo "runbook: $node moved since we looked; inspect it again" >&2; exit 1 ;;
    *) echo "runbook: adopt failed" >&2; exit 1 ;;
  esac
done

echo "== 5. the cluster again"
"$termctl" show "${nodes[@]}" && "$termctl" history --journal "$journal"

#!/usr/bin/env bash
# Removes exactly what scripts/install.sh installed under a prefix: the files and the (then empty)
# directories listed in PREFIX/lib/termctl/installed-files. Nothing else is touched.
#   scripts/uninstall.sh [--prefix DIR]    default prefix: ~/.local
set -euo pipefail

prefix="${HOME:?HOME is not set; give --prefix}/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "uninstall.sh: --prefix needs a directory" >&2; exit 2; }; prefix="$2"; shift ;;
    --prefix=*) prefix="${1#--prefix=}" ;;
    -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "uninstall.sh: unknown argument '$1' (usage: scripts/uninstall.sh [--prefix DIR])" >&2; exit 2 ;;
  esac
  shift
done
prefix=$(cd -P "$prefix" 2>/dev/null && pwd) || { echo "uninstall.sh: no such directory: $prefix" >&2; exit 1; }
manifest="$prefix/lib/termctl/installed-files"
[ -f "$manifest" ] || { echo "uninstall.sh: termctl is not installed in $prefix (no $manifest)" >&2; exit 1; }

removed=0
# Files first, then directories deepest first, each only if empty.
while IFS= read -r path; do
  case "$path" in */) continue ;; esac
  [ "$path" = "$manifest" ] && continue
  if [ -e "$path" ] || [ -L "$path" ]; then rm -f "$path"; removed=$((removed + 1)); fi
done < "$manifest"
# Archives the installed termctl made are named after the installed jar: root's beside the jar
# (for a JDK installed after termctl), a user's in their cache. Root makes none in a HOME, and
# removes nothing there: that HOME may be another account's (sudo without -H).
jar_name="$prefix/lib/termctl/termctl.jar"
jar_name="${jar_name//\//_}"
if [ "$(id -u)" = 0 ]; then
  cache="$prefix/lib/termctl/archive"
else
  cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/termctl"
fi
for cached in "$cache"/termctl-*__"$jar_name".jsa "$cache"/termctl-*__"$jar_name".aot; do
  if [ -f "$cached" ] && [ -O "$cached" ]; then rm -f "$cached"; removed=$((removed + 1)); fi
done
[ "$(id -u)" = 0 ] && [ -f "$cache/.lock" ] && [ -O "$cache/.lock" ] && rm -f "$cache/.lock"
dirs=$(grep '/$' "$manifest" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
rm -f "$manifest"
for dir in $dirs; do
  rmdir "$dir" 2>/dev/null || true
done
echo "removed termctl from $prefix ($removed files)"

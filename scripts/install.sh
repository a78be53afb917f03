#!/usr/bin/env bash
# Installs termctl: the jar, the launcher, the man pages, the bash, zsh and fish completion scripts
# and the monitoring script and alert rules.
#   scripts/install.sh [--prefix DIR]      default prefix: ~/.local
# Builds the jar, man pages and completion scripts first if they are missing (needs Maven): the
# build generates the last two from the command model into target/generated-docs. Writes a list of
# every file and directory it created to PREFIX/lib/termctl/installed-files, which
# scripts/uninstall.sh removes, and nothing else.
set -euo pipefail
# Nothing installed is writable by group or others: run as root, the launcher refuses a jar or
# directory another account could change.
umask 022

prefix="${HOME:?HOME is not set; give --prefix}/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix="$2"; shift ;;
    --prefix=*) prefix="${1#--prefix=}" ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (usage: scripts/install.sh [--prefix DIR])" >&2; exit 2 ;;
  esac
  shift
done
root=$(cd -P "$(dirname "$0")/.." && pwd)
jar="$root/target/termctl.jar"
docs="$root/target/generated-docs"
if [ ! -f "$jar" ]; then
  # The launcher's first-run build, which writes the man pages and completion scripts too. As root it
  # builds only a clone that no other account can change, with Maven and a ~/.m2 no other account
  # can change (docs/security.md, "Building a clone as root"), and otherwise refuses, saying what to do.
  "$root/scripts/termctl" --version >/dev/null || { echo "install.sh: nothing was installed" >&2; exit 1; }
fi
if [ ! -f "$docs/man/termctl.1" ] || [ ! -f "$docs/completion/termctl.bash" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "install.sh: $docs lacks the man pages or completion scripts: build them as the clone's owner (mvn -B package); nothing was installed" >&2
    exit 1
  fi
  echo "install.sh: building the man pages and completion scripts first..." >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package) || { echo "install.sh: the build failed" >&2; exit 1; }
fi

# As root, nothing another account could have changed is installed: before the prefix is made or
# anything copied, the launcher checks the clone (what is copied is in it) with the rule it builds
# by, and refuses (69) one that is not root's alone.
if [ "$(id -u)" = 0 ]; then
  rc=0
  env -u TERMCTL_JAR TERMCTL_CHECK_CLONE=1 "$root/scripts/termctl" || rc=$?
  [ "$rc" = 0 ] || { echo "install.sh: nothing was installed" >&2; exit "$rc"; }
fi

mkdir -p "$prefix"
prefix=$(cd -P "$prefix" && pwd)

manifest="$prefix/lib/termctl/installed-files"
created=()
# Creates the directories of $1 that do not exist yet, remembering them for uninstall.
make_dirs() {
  local dir="$1" missing=()
  while [ ! -d "$dir" ]; do missing=("$dir" "${missing[@]}"); dir=$(dirname "$dir"); done
  for dir in "${missing[@]}"; do mkdir "$dir"; created+=("$dir/"); done
}
files=()
put() { # put MODE SOURCE DEST
  make_dirs "$(dirname "$3")"
  install -m "$1" "$2" "$3"
  files+=("$3")
}

make_dirs "$prefix/lib/termctl"
[ -f "$manifest" ] && echo "install.sh: replacing the termctl already installed in $prefix" >&2
put 0644 "$jar" "$prefix/lib/termctl/termctl.jar"
put 0755 "$root/scripts/termctl" "$prefix/bin/termctl"
for page in "$docs"/man/*.1; do
  put 0644 "$page" "$prefix/share/man/man1/$(basename "$page")"
done
put 0644 "$docs/completion/termctl.bash" "$prefix/share/bash-completion/completions/termctl"
put 0644 "$docs/completion/_termctl" "$prefix/share/zsh/site-functions/_termctl"
put 0644 "$docs/completion/termctl.fish" "$prefix/share/fish/vendor_completions.d/termctl.fish"
# Monitoring (docs/monitoring.md): the script finds PREFIX/bin/termctl from here.
put 0755 "$root/docs/monitoring/termctl-metrics" "$prefix/share/termctl/monitoring/termctl-metrics"
put 0644 "$root/docs/monitoring/termctl.rules.yml" "$prefix/share/termctl/monitoring/termctl.rules.yml"

# As root, the installation keeps its own startup archive, root-owned, for the JDK installed now,
# so that 'sudo termctl' starts fast (as root, the launcher uses no other cache). A later JDK
# upgrade only makes the next root run slower: it remakes the archive.
if [ "$(id -u)" = 0 ]; then
  archive_dir="$prefix/lib/termctl/archive"
  [ -d "$archive_dir" ] || created+=("$archive_dir/")
  if archive=$(TERMCTL_BUILD_ARCHIVE="$archive_dir" "$prefix/bin/termctl"); then
    files+=("$archive" "$archive_dir/.lock")
  else
    echo "install.sh: no startup archive was made (see above)" >&2
  fi
fi

{
  # Keep what an earlier install created, so that uninstall still removes it.
  [ -f "$manifest" ] && grep -v "^$manifest\$" "$manifest" || true
  printf '%s\n' "${files[@]}" "${created[@]}" "$manifest"
} | sort -u > "$manifest.new"
mv "$manifest.new" "$manifest"

echo "installed termctl into $prefix"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "  add $prefix/bin to PATH to run 'termctl'" ;; esac
echo "  man termctl             (man finds $prefix/share/man through PATH; else MANPATH=$prefix/share/man)"
echo "  bash completion         loads from $prefix/share/bash-completion/completions (bash-completion package)"
echo "  zsh completion          loads from $prefix/share/zsh/site-functions (add it to fpath before compinit)"
echo "  fish completion         loads from $prefix/share/fish/vendor_completions.d"
echo "  monitoring              $prefix/share/termctl/monitoring/termctl-metrics and termctl.rules.yml (docs/monitoring.md)"
echo "  uninstall               $root/scripts/uninstall.sh --prefix $prefix"

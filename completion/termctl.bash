# bash termctl completion, generated from termctl's command model by DocGen: edit the commands, not this file.
# Install as /usr/share/bash-completion/completions/termctl, or source it from ~/.bashrc.
_termctl() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac
  done
  if [ -z "$cmd" ]; then
    COMPREPLY=($(compgen -W "show classify admit-record admit-handshake adopt repair history help --help --version" -- "$cur"))
    return
  fi
  local opts="" files="" values="" args=""
  case $cmd in
    show) opts="-f --file --default-term --json -q --quiet --term-only -o --output --from-json --expect-nodes -h --help -V --version" files="-f --file --from-json" values="--default-term -o --output --expect-nodes" args="files" ;;
    classify) opts="-f --file --json -q --quiet --default-term --boundary -h --help -V --version" files="-f --file" values="--default-term --boundary" args="" ;;
    admit-record) opts="-f --file --json -q --quiet --lock-timeout --dry-run --reason --journal --no-journal --default-term --create -h --help -V --version" files="-f --file --journal" values="--lock-timeout --reason --default-term" args="" ;;
    admit-handshake) opts="-f --file --json -q --quiet --lock-timeout --dry-run --reason --journal --no-journal --default-term --create -h --help -V --version" files="-f --file --journal" values="--lock-timeout --reason --default-term" args="" ;;
    adopt) opts="-f --file --json -q --quiet --lock-timeout --dry-run --reason --journal --no-journal --default-term --create --expect-current -h --help -V --version" files="-f --file --journal" values="--lock-timeout --reason --default-term --expect-current" args="" ;;
    repair) opts="-f --file --json -q --quiet --lock-timeout --dry-run --reason --journal --no-journal -h --help -V --version" files="-f --file --journal" values="--lock-timeout --reason" args="" ;;
    history) opts="--journal -f --file --json -n --last -h --help -V --version" files="--journal -f --file" values="-n --last" args="" ;;
    help) opts="-h --help" files="" values="" args="" ;;
  esac
  if [[ " $files " == *" $prev "* ]]; then
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  if [ "$prev" = --boundary ]; then
    COMPREPLY=($(compgen -W "apply handshake lease" -- "$cur"))
    return
  fi
  if [[ " $values " == *" $prev "* ]]; then
    COMPREPLY=()
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ -n "$args" ]; then
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _termctl termctl

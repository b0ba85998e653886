#!/usr/bin/env bash
# test-completion.sh: the bash completion of talkie-cli, sourced and asked as
# bash asks it, and checked against what talkie-cli --help says exists.
# Usage: test-completion.sh COMPLETION_FILE TALKIE_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

completion=$1
cli=$2
failures=0
world=$(mktemp -d "${TMPDIR:-/tmp}/talkie-test-completion.XXXXXX")
trap 'rm -rf "$world"' EXIT

# shellcheck source=/dev/null
source "$completion"

# What bash would offer for the words given, the last being the one typed.
offered() {
    COMP_WORDS=(talkie-cli "$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    _talkie_cli 2>/dev/null
    printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}

expect() {
    local want=$1
    shift
    local got
    got=$(offered "$@")
    if [ "$got" = "$want" ]; then
        echo "ok: talkie-cli $* → $got"
    else
        echo "FAIL: talkie-cli $*: offered “$got”, expected “$want”"
        failures=$((failures + 1))
    fi
}

if ! complete -p talkie-cli >/dev/null 2>&1; then
    echo "FAIL: sourcing $completion registers no completion for talkie-cli"
    exit 1
fi

# Subcommands, also after a global option and its value.
expect "render renders" ren
expect "render renders" --sandbox rend
expect "status" --base-url http://127.0.0.1:1 sta
expect "download" dow
expect "login logout" lo
# Options of a command, and of none.
expect "--green-screen" render --gr
expect "--trim" render --tr
expect "" render --trim 1
expect "--wait" status --wa
expect "--force" download --fo
expect "--seconds" record --se
expect "record" rec
expect "--quiet" --qu
# Values.
expect "female" voices --gender f
expect "16:9 1:1 9:16" avatars --aspect ""
touch "$world/take-one.wav"
expect "$world/take-one.wav" render --audio "$world/take-"

# The ids of the renders the history holds, for status and download.
mkdir -p "$world/data/talkie"
cat > "$world/data/talkie/history.json" <<'JSON'
{ "version": 1, "jobs": [
  { "version": 1, "state": "succeeded", "project_id": "p-completed-1", "created_at": 1700000000 } ] }
JSON
PATH="$(dirname "$cli"):$PATH" XDG_DATA_HOME="$world/data" TALKIE_API_KEY=completion-test \
    TALKIE_BASE_URL=http://127.0.0.1:9 expect "p-completed-1" status p-

# Nothing offered that talkie-cli does not know.
help=$("$cli" --help)
for command in $(offered ""); do
    if ! grep -q "^  $command " <<<"$help"; then
        echo "FAIL: the completion offers “$command”, which talkie-cli --help does not list"
        failures=$((failures + 1))
    fi
done
for command in avatars voices render status renders download record; do
    command_help=$("$cli" "$command" --help)
    for option in $(offered "$command" --); do
        if ! grep -q -- "$option" <<<"$command_help"; then
            echo "FAIL: the completion offers $option for $command, which its --help does not list"
            failures=$((failures + 1))
        fi
    done
done

if [ "$failures" -gt 0 ]; then
    echo "$failures failures"
    exit 1
fi
echo "all completions as expected"

# fish completion for talkie-cli
# SPDX-License-Identifier: GPL-3.0-or-later

set -l commands avatars voices render status renders download login logout record

function __talkie_cli_project_ids
    talkie-cli renders 2>/dev/null | awk 'NR > 1 && $1 != "-" { print $1 }'
end

complete -c talkie-cli -f
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a avatars -d 'List the avatars'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a voices -d 'List the voices'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a render -d 'Render a talking-avatar video'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a status -d 'Show a render’s status'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a renders -d 'List the renders made here'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a download -d 'Save a finished render’s video'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a login -d 'Store your API key in the keyring'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a logout -d 'Remove the stored API key'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -a record -d 'Record a take from the microphone'
complete -c talkie-cli -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'

complete -c talkie-cli -l base-url -x -d 'Send every call to this server'
complete -c talkie-cli -l sandbox -d 'Use the built-in sandbox server'
complete -c talkie-cli -s q -l quiet -d 'Show no progress'

complete -c talkie-cli -n "__fish_seen_subcommand_from avatars voices render status renders download" -l json -d 'Print one JSON document'
complete -c talkie-cli -n "__fish_seen_subcommand_from avatars voices" -l mine -d 'Your own'
complete -c talkie-cli -n "__fish_seen_subcommand_from avatars render" -l aspect -x -a '9:16 16:9 1:1' -d 'Aspect ratio'
complete -c talkie-cli -n "__fish_seen_subcommand_from voices" -l gender -x -a 'female male' -d 'Only this gender'
complete -c talkie-cli -n "__fish_seen_subcommand_from render" -l avatar -x -d 'The avatar’s id'
complete -c talkie-cli -n "__fish_seen_subcommand_from render" -l mine-avatar -d 'The avatar is your own'
complete -c talkie-cli -n "__fish_seen_subcommand_from render" -l voice -x -d 'The voice’s id'
complete -c talkie-cli -n "__fish_seen_subcommand_from render" -l audio -r -F -d 'The recording, - for stdin'
complete -c talkie-cli -n "__fish_seen_subcommand_from render" -l trim -x -d 'Speak only START-END of the recording'
complete -c talkie-cli -n "__fish_seen_subcommand_from render" -l green-screen -d 'Render on a green screen'
complete -c talkie-cli -n "__fish_seen_subcommand_from render" -l subtitles -d 'Burn in subtitles'
complete -c talkie-cli -n "__fish_seen_subcommand_from render status" -l wait -d 'Follow the render to its end'
complete -c talkie-cli -n "__fish_seen_subcommand_from render download" -s o -l output -r -F -d 'Save the video to FILE, - for stdout'
complete -c talkie-cli -n "__fish_seen_subcommand_from record" -s o -l output -r -F -d 'Save the take to FILE (MP3)'
complete -c talkie-cli -n "__fish_seen_subcommand_from render download record" -l force -d 'Replace the output file'
complete -c talkie-cli -n "__fish_seen_subcommand_from record" -l seconds -x -d 'Stop after N seconds'
complete -c talkie-cli -n "__fish_seen_subcommand_from status download" -a '(__talkie_cli_project_ids)' -d 'Render'

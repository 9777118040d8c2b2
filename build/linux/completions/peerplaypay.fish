# fish completion for peerplaypay; generated from the command table by
# go generate ./internal/cli; do not edit.

# The words typed after peerplaypay, without flags: the command, then its
# sub-command (fish's __fish_seen_subcommand_from would take "peers logs"
# for the logs command).
function __peerplaypay_words
    set -l skip 0
    for w in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case --data-dir
                set skip 1
            case '-*'
            case '*'
                echo $w
        end
    end
end

function __peerplaypay_at
    set -l words (__peerplaypay_words)
    test "$words" = "$argv"
end

function __peerplaypay_in
    set -l words (__peerplaypay_words)
    test "$words[1]" = "$argv[1]"
end

complete -c peerplaypay -l data-dir -r -F -d 'data folder'
complete -c peerplaypay -f -n __peerplaypay_at -a version -d 'print the version'
complete -c peerplaypay -f -n __peerplaypay_at -a doctor -d 'check data folder, database, codecs and devices'
complete -c peerplaypay -f -n __peerplaypay_at -a profile -d 'print your profile'
complete -c peerplaypay -f -n __peerplaypay_at -a devices -d 'list cameras and microphones'
complete -c peerplaypay -f -n __peerplaypay_at -a record -d 'record a stand-up log and print its id'
complete -c peerplaypay -f -n __peerplaypay_at -a logs -d 'add a log without a recording, print its id'
complete -c peerplaypay -f -n __peerplaypay_at -a backup -d 'back up the database and recordings into one verified file'
complete -c peerplaypay -f -n __peerplaypay_at -a restore -d 'restore a backup into an empty data folder (choose it with --data-dir)'
complete -c peerplaypay -f -n __peerplaypay_at -a export -d 'export your profile, logs with their recordings, goals, growth and answers, for other tools'
complete -c peerplaypay -f -n __peerplaypay_at -a team -d 'start a team on a folder or s3://bucket?endpoint=URL'
complete -c peerplaypay -f -n __peerplaypay_at -a sync -d 'send what waits and receive the team\'s news (progress on stderr)'
complete -c peerplaypay -f -n __peerplaypay_at -a keys -d 'your recovery key: back it up, or restore it on a new laptop'
complete -c peerplaypay -f -n __peerplaypay_at -a peers -d 'your peers\' stand-ups, unwatched first, by day and person'
complete -c peerplaypay -f -n __peerplaypay_at -a comment -d 'comment on a log (LOG: a peer\'s log ID from `peers logs`, my:N for your log N, or a uid)'
complete -c peerplaypay -f -n __peerplaypay_at -a comments -d 'a log\'s comments, reactions, offers of help and Thanks'
complete -c peerplaypay -f -n __peerplaypay_at -a react -d 'react to a log: thumbsup, clap, heart, laugh, bulb or eyes'
complete -c peerplaypay -f -n __peerplaypay_at -a thanks -d 'thank a peer (name or member ID), visible to the team'
complete -c peerplaypay -f -n __peerplaypay_at -a activity -d 'what peers did to your logs, comments, offers and goals, and Thanks to you'
complete -c peerplaypay -f -n __peerplaypay_at -a goals -d 'add a goal, print its id'
complete -c peerplaypay -f -n __peerplaypay_at -a reminders -d 'each reminder, on or off, its time and when it goes out next'
complete -c peerplaypay -f -n __peerplaypay_at -a session -d 'the next weekly session (or the one of day D): parts, items, dots, notes'
complete -c peerplaypay -f -n __peerplaypay_at -a insights -d 'your own insights (private: worked out here, for you alone), or the team\'s'
complete -c peerplaypay -f -n __peerplaypay_at -a experiments -d 'ended experiments stay in the list'
complete -c peerplaypay -f -n __peerplaypay_at -a report -d 'your contribution report of a period, in sentences: Thanks received and what for,'
complete -c peerplaypay -f -n __peerplaypay_at -a framework -d 'the skills framework'
complete -c peerplaypay -f -n __peerplaypay_at -a assess -d 'rate your skills item by item (q pauses'
complete -c peerplaypay -f -n __peerplaypay_at -a assessments -d 'your finished self-assessments'
complete -c peerplaypay -f -n __peerplaypay_at -a basics -d 'your daily basics and the days you did them'
complete -c peerplaypay -f -n __peerplaypay_at -a learn -d 'your learning log and this week\'s total'
complete -c peerplaypay -f -n __peerplaypay_at -a reflect -d 'keep a reflection in your private journal'
complete -c peerplaypay -f -n __peerplaypay_at -a help -d 'show this help'
complete -c peerplaypay -n '__peerplaypay_in doctor' -l json
complete -c peerplaypay -f -n '__peerplaypay_at profile' -a 'show set'
complete -c peerplaypay -n '__peerplaypay_in profile' -l json
complete -c peerplaypay -n '__peerplaypay_in profile' -l name
complete -c peerplaypay -n '__peerplaypay_in profile' -l role
complete -c peerplaypay -n '__peerplaypay_in profile' -l team
complete -c peerplaypay -n '__peerplaypay_in devices' -l json
complete -c peerplaypay -n '__peerplaypay_in record' -l audio
complete -c peerplaypay -n '__peerplaypay_in record' -l audio-only
complete -c peerplaypay -n '__peerplaypay_in record' -l done
complete -c peerplaypay -n '__peerplaypay_in record' -l energy
complete -c peerplaypay -n '__peerplaypay_in record' -l help-needed
complete -c peerplaypay -n '__peerplaypay_in record' -l how
complete -c peerplaypay -n '__peerplaypay_in record' -l mood
complete -c peerplaypay -n '__peerplaypay_in record' -l next
complete -c peerplaypay -n '__peerplaypay_in record' -l quality
complete -c peerplaypay -n '__peerplaypay_in record' -l seconds
complete -c peerplaypay -n '__peerplaypay_in record' -l video
complete -c peerplaypay -n '__peerplaypay_in record' -l why
complete -c peerplaypay -f -n '__peerplaypay_at logs' -a 'list add show edit keep delete pin unpin help-offer help-accept'
complete -c peerplaypay -n '__peerplaypay_in logs' -l answer
complete -c peerplaypay -n '__peerplaypay_in logs' -l done
complete -c peerplaypay -n '__peerplaypay_in logs' -l energy
complete -c peerplaypay -n '__peerplaypay_in logs' -l from
complete -c peerplaypay -n '__peerplaypay_in logs' -l help-needed
complete -c peerplaypay -n '__peerplaypay_in logs' -l how
complete -c peerplaypay -n '__peerplaypay_in logs' -l json
complete -c peerplaypay -n '__peerplaypay_in logs' -l limit
complete -c peerplaypay -n '__peerplaypay_in logs' -l mood
complete -c peerplaypay -n '__peerplaypay_in logs' -l next
complete -c peerplaypay -n '__peerplaypay_in logs' -l query
complete -c peerplaypay -n '__peerplaypay_in logs' -l to
complete -c peerplaypay -n '__peerplaypay_in logs' -l why
complete -c peerplaypay -n '__peerplaypay_in backup' -l encrypt
complete -c peerplaypay -n '__peerplaypay_in backup' -l passphrase-file
complete -c peerplaypay -n '__peerplaypay_in restore' -l passphrase-file
complete -c peerplaypay -n '__peerplaypay_in export' -l format
complete -c peerplaypay -f -n '__peerplaypay_at team' -a 'create join invite status members requests approve refuse remove leave settings cause agreements usage'
complete -c peerplaypay -f -n '__peerplaypay_at team settings' -a 'show set'
complete -c peerplaypay -f -n '__peerplaypay_at team cause' -a 'set'
complete -c peerplaypay -f -n '__peerplaypay_at team agreements' -a 'add remove'
complete -c peerplaypay -n '__peerplaypay_in team' -l access-key
complete -c peerplaypay -n '__peerplaypay_in team' -l code
complete -c peerplaypay -n '__peerplaypay_in team' -l history
complete -c peerplaypay -n '__peerplaypay_in team' -l invite
complete -c peerplaypay -n '__peerplaypay_in team' -l json
complete -c peerplaypay -n '__peerplaypay_in team' -l months
complete -c peerplaypay -n '__peerplaypay_in team' -l name
complete -c peerplaypay -n '__peerplaypay_in team' -l secret-key-file
complete -c peerplaypay -n '__peerplaypay_in sync' -l json
complete -c peerplaypay -f -n '__peerplaypay_at keys' -a 'export import'
complete -c peerplaypay -n '__peerplaypay_in keys' -l printable
complete -c peerplaypay -f -n '__peerplaypay_at peers' -a 'logs watch fetch'
complete -c peerplaypay -n '__peerplaypay_in peers' -l from
complete -c peerplaypay -n '__peerplaypay_in peers' -l help-needed
complete -c peerplaypay -n '__peerplaypay_in peers' -l json
complete -c peerplaypay -n '__peerplaypay_in peers' -l limit
complete -c peerplaypay -n '__peerplaypay_in peers' -l member
complete -c peerplaypay -n '__peerplaypay_in peers' -l query
complete -c peerplaypay -n '__peerplaypay_in peers' -l to
complete -c peerplaypay -n '__peerplaypay_in peers' -l undo
complete -c peerplaypay -n '__peerplaypay_in peers' -l unwatched
complete -c peerplaypay -f -n '__peerplaypay_at comment' -a 'add edit delete'
complete -c peerplaypay -n '__peerplaypay_in comment' -l at
complete -c peerplaypay -n '__peerplaypay_in comment' -l reply
complete -c peerplaypay -n '__peerplaypay_in comments' -l json
complete -c peerplaypay -n '__peerplaypay_in react' -l undo
complete -c peerplaypay -f -n '__peerplaypay_at thanks' -a 'give edit withdraw list'
complete -c peerplaypay -n '__peerplaypay_in thanks' -l comment
complete -c peerplaypay -n '__peerplaypay_in thanks' -l given
complete -c peerplaypay -n '__peerplaypay_in thanks' -l goal
complete -c peerplaypay -n '__peerplaypay_in thanks' -l json
complete -c peerplaypay -n '__peerplaypay_in thanks' -l log
complete -c peerplaypay -n '__peerplaypay_in thanks' -l offer
complete -c peerplaypay -n '__peerplaypay_in thanks' -l received
complete -c peerplaypay -n '__peerplaypay_in activity' -l json
complete -c peerplaypay -n '__peerplaypay_in activity' -l mark-read
complete -c peerplaypay -f -n '__peerplaypay_at goals' -a 'add list show checkin status help-offer help-accept delete'
complete -c peerplaypay -n '__peerplaypay_in goals' -l children
complete -c peerplaypay -n '__peerplaypay_in goals' -l confidence
complete -c peerplaypay -n '__peerplaypay_in goals' -l description
complete -c peerplaypay -n '__peerplaypay_in goals' -l done
complete -c peerplaypay -n '__peerplaypay_in goals' -l due
complete -c peerplaypay -n '__peerplaypay_in goals' -l json
complete -c peerplaypay -n '__peerplaypay_in goals' -l kind
complete -c peerplaypay -n '__peerplaypay_in goals' -l level
complete -c peerplaypay -n '__peerplaypay_in goals' -l measure
complete -c peerplaypay -n '__peerplaypay_in goals' -l milestones
complete -c peerplaypay -n '__peerplaypay_in goals' -l need-help
complete -c peerplaypay -n '__peerplaypay_in goals' -l note
complete -c peerplaypay -n '__peerplaypay_in goals' -l parent
complete -c peerplaypay -n '__peerplaypay_in goals' -l private
complete -c peerplaypay -n '__peerplaypay_in goals' -l reason
complete -c peerplaypay -n '__peerplaypay_in goals' -l scale
complete -c peerplaypay -n '__peerplaypay_in goals' -l title
complete -c peerplaypay -n '__peerplaypay_in goals' -l tree
complete -c peerplaypay -n '__peerplaypay_in goals' -l value
complete -c peerplaypay -f -n '__peerplaypay_at reminders' -a 'list set quiet days-off'
complete -c peerplaypay -f -n '__peerplaypay_at reminders set' -a 'autostart'
complete -c peerplaypay -n '__peerplaypay_in reminders' -l json
complete -c peerplaypay -f -n '__peerplaypay_at session' -a 'show add-item edit-item delete-item comment vote edit-comment delete-comment note outcome list export'
complete -c peerplaypay -n '__peerplaypay_in session' -l day
complete -c peerplaypay -n '__peerplaypay_in session' -l decision
complete -c peerplaypay -n '__peerplaypay_in session' -l edit
complete -c peerplaypay -n '__peerplaypay_in session' -l format
complete -c peerplaypay -n '__peerplaypay_in session' -l json
complete -c peerplaypay -n '__peerplaypay_in session' -l note
complete -c peerplaypay -n '__peerplaypay_in session' -l part
complete -c peerplaypay -n '__peerplaypay_in session' -l undo
complete -c peerplaypay -n '__peerplaypay_in insights' -l from
complete -c peerplaypay -n '__peerplaypay_in insights' -l json
complete -c peerplaypay -n '__peerplaypay_in insights' -l me
complete -c peerplaypay -n '__peerplaypay_in insights' -l period
complete -c peerplaypay -n '__peerplaypay_in insights' -l team
complete -c peerplaypay -n '__peerplaypay_in insights' -l to
complete -c peerplaypay -f -n '__peerplaypay_at experiments' -a 'list add outcome'
complete -c peerplaypay -n '__peerplaypay_in experiments' -l end
complete -c peerplaypay -n '__peerplaypay_in experiments' -l hypothesis
complete -c peerplaypay -n '__peerplaypay_in experiments' -l item
complete -c peerplaypay -n '__peerplaypay_in experiments' -l json
complete -c peerplaypay -n '__peerplaypay_in experiments' -l measure
complete -c peerplaypay -n '__peerplaypay_in experiments' -l note
complete -c peerplaypay -n '__peerplaypay_in experiments' -l owner
complete -c peerplaypay -n '__peerplaypay_in experiments' -l query
complete -c peerplaypay -f -n '__peerplaypay_at report' -a 'words list share unshare team'
complete -c peerplaypay -n '__peerplaypay_in report' -l from
complete -c peerplaypay -n '__peerplaypay_in report' -l json
complete -c peerplaypay -n '__peerplaypay_in report' -l md
complete -c peerplaypay -n '__peerplaypay_in report' -l pdf
complete -c peerplaypay -n '__peerplaypay_in report' -l to
complete -c peerplaypay -f -n '__peerplaypay_at framework' -a 'show export import'
complete -c peerplaypay -n '__peerplaypay_in framework' -l json
complete -c peerplaypay -n '__peerplaypay_in assess' -l evidence
complete -c peerplaypay -n '__peerplaypay_in assess' -l finish
complete -c peerplaypay -n '__peerplaypay_in assess' -l item
complete -c peerplaypay -n '__peerplaypay_in assess' -l level
complete -c peerplaypay -n '__peerplaypay_in assess' -l share
complete -c peerplaypay -f -n '__peerplaypay_at assessments' -a 'list share unshare team'
complete -c peerplaypay -n '__peerplaypay_in assessments' -l json
complete -c peerplaypay -f -n '__peerplaypay_at basics' -a 'add tick list'
complete -c peerplaypay -n '__peerplaypay_in basics' -l day
complete -c peerplaypay -n '__peerplaypay_in basics' -l days
complete -c peerplaypay -n '__peerplaypay_in basics' -l json
complete -c peerplaypay -n '__peerplaypay_in basics' -l undo
complete -c peerplaypay -f -n '__peerplaypay_at learn' -a 'add list'
complete -c peerplaypay -n '__peerplaypay_in learn' -l from
complete -c peerplaypay -n '__peerplaypay_in learn' -l item
complete -c peerplaypay -n '__peerplaypay_in learn' -l json
complete -c peerplaypay -n '__peerplaypay_in learn' -l kind
complete -c peerplaypay -n '__peerplaypay_in learn' -l minutes
complete -c peerplaypay -n '__peerplaypay_in learn' -l takeaways
complete -c peerplaypay -n '__peerplaypay_in learn' -l to
complete -c peerplaypay -n '__peerplaypay_in learn' -l what
complete -c peerplaypay -n '__peerplaypay_in reflect' -l minutes
complete -c peerplaypay -n '__peerplaypay_in reflect' -l note

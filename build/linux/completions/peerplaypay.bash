# bash completion for peerplaypay; generated from the command table by
# go generate ./internal/cli; do not edit.
_peerplaypay() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    if [[ $prev == --data-dir ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
        return
    fi
    local i cmd= sub= words=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --data-dir) ((i++)) ;;
        -*) ;;
        *) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}; elif [[ -z $sub ]]; then sub=${COMP_WORDS[i]}; fi ;;
        esac
    done
    if [[ -z $cmd ]]; then
        words="--data-dir version doctor profile devices record logs backup restore export team sync keys peers comment comments react thanks activity goals reminders session insights experiments report framework assess assessments basics learn reflect help"
    else
        case "$cmd/$sub" in
        version/*) words="--data-dir" ;;
        doctor/*) words="--json --data-dir" ;;
        profile/) words="show set --json --name --role --team --data-dir" ;;
        profile/*) words="--json --name --role --team --data-dir" ;;
        devices/*) words="--json --data-dir" ;;
        record/*) words="--audio --audio-only --done --energy --help-needed --how --mood --next --quality --seconds --video --why --data-dir" ;;
        logs/) words="list add show edit keep delete pin unpin help-offer help-accept --answer --done --energy --from --help-needed --how --json --limit --mood --next --query --to --why --data-dir" ;;
        logs/*) words="--answer --done --energy --from --help-needed --how --json --limit --mood --next --query --to --why --data-dir" ;;
        backup/*) words="--encrypt --passphrase-file --data-dir" ;;
        restore/*) words="--passphrase-file --data-dir" ;;
        export/*) words="--format --data-dir" ;;
        team/settings) words="show set --access-key --code --history --invite --json --months --name --secret-key-file --data-dir" ;;
        team/cause) words="set --access-key --code --history --invite --json --months --name --secret-key-file --data-dir" ;;
        team/agreements) words="add remove --access-key --code --history --invite --json --months --name --secret-key-file --data-dir" ;;
        team/) words="create join invite status members requests approve refuse remove leave settings cause agreements usage --access-key --code --history --invite --json --months --name --secret-key-file --data-dir" ;;
        team/*) words="--access-key --code --history --invite --json --months --name --secret-key-file --data-dir" ;;
        sync/*) words="--json --data-dir" ;;
        keys/) words="export import --printable --data-dir" ;;
        keys/*) words="--printable --data-dir" ;;
        peers/) words="logs watch fetch --from --help-needed --json --limit --member --query --to --undo --unwatched --data-dir" ;;
        peers/*) words="--from --help-needed --json --limit --member --query --to --undo --unwatched --data-dir" ;;
        comment/) words="add edit delete --at --reply --data-dir" ;;
        comment/*) words="--at --reply --data-dir" ;;
        comments/*) words="--json --data-dir" ;;
        react/*) words="--undo --data-dir" ;;
        thanks/) words="give edit withdraw list --comment --given --goal --json --log --offer --received --data-dir" ;;
        thanks/*) words="--comment --given --goal --json --log --offer --received --data-dir" ;;
        activity/*) words="--json --mark-read --data-dir" ;;
        goals/) words="add list show checkin status help-offer help-accept delete --children --confidence --description --done --due --json --kind --level --measure --milestones --need-help --note --parent --private --reason --scale --title --tree --value --data-dir" ;;
        goals/*) words="--children --confidence --description --done --due --json --kind --level --measure --milestones --need-help --note --parent --private --reason --scale --title --tree --value --data-dir" ;;
        reminders/set) words="autostart --json --data-dir" ;;
        reminders/) words="list set quiet days-off --json --data-dir" ;;
        reminders/*) words="--json --data-dir" ;;
        session/) words="show add-item edit-item delete-item comment vote edit-comment delete-comment note outcome list export --day --decision --edit --format --json --note --part --undo --data-dir" ;;
        session/*) words="--day --decision --edit --format --json --note --part --undo --data-dir" ;;
        insights/*) words="--from --json --me --period --team --to --data-dir" ;;
        experiments/) words="list add outcome --end --hypothesis --item --json --measure --note --owner --query --data-dir" ;;
        experiments/*) words="--end --hypothesis --item --json --measure --note --owner --query --data-dir" ;;
        report/) words="words list share unshare team --from --json --md --pdf --to --data-dir" ;;
        report/*) words="--from --json --md --pdf --to --data-dir" ;;
        framework/) words="show export import --json --data-dir" ;;
        framework/*) words="--json --data-dir" ;;
        assess/*) words="--evidence --finish --item --level --share --data-dir" ;;
        assessments/) words="list share unshare team --json --data-dir" ;;
        assessments/*) words="--json --data-dir" ;;
        basics/) words="add tick list --day --days --json --undo --data-dir" ;;
        basics/*) words="--day --days --json --undo --data-dir" ;;
        learn/) words="add list --from --item --json --kind --minutes --takeaways --to --what --data-dir" ;;
        learn/*) words="--from --item --json --kind --minutes --takeaways --to --what --data-dir" ;;
        reflect/*) words="--minutes --note --data-dir" ;;
        help/*) words="--data-dir" ;;
        esac
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _peerplaypay peerplaypay

# bash completion for qingdan (installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/qingdan)
_qingdan()
{
	local cur prev cmd i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=""
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	case $prev in
	--content|--output|--templates|--partials|init)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--data|render)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--base-url|--jobs|-j|--list|--title|--street|--district|--published|--sheet|--port|--bind)
		return ;;
	--kind)
		COMPREPLY=($(compgen -W "needs supply pain-points" -- "$cur")); return ;;
	new)
		COMPREPLY=($(compgen -W "list event case org page" -- "$cur")); return ;;
	help)
		COMPREPLY=($(compgen -W "build check dump init new import serve template help" -- "$cur")); return ;;
	template)
		COMPREPLY=($(compgen -W "render" -- "$cur")); return ;;
	esac
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "build check dump init new import serve template help" -- "$cur"))
		fi
		return
	fi
	case $cmd in
	build)
		COMPREPLY=($(compgen -W "--content --output --base-url --templates --jobs --no-search --timings --quiet --help" -- "$cur")) ;;
	check)
		COMPREPLY=($(compgen -W "--content --base-url --quiet --help" -- "$cur")) ;;
	dump)
		COMPREPLY=($(compgen -W "--content --base-url --help" -- "$cur")) ;;
	new)
		COMPREPLY=($(compgen -W "--content --help" -- "$cur")) ;;
	import)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--list --kind --title --street --district --published --sheet --unknown-as-notes --force --content --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -X '!*.@(xlsx|xls|csv|XLSX|XLS|CSV)' -- "$cur") $(compgen -d -- "$cur"))
		fi ;;
	serve)
		COMPREPLY=($(compgen -W "--port --bind --content --templates --help" -- "$cur")) ;;
	template)
		COMPREPLY=($(compgen -W "--data --partials --help" -- "$cur")) ;;
	esac
}
complete -F _qingdan qingdan

" Syntax highlighting of .smm files without tree-sitter (grammar/README.md, section 2).
if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" A word is a run of letters, digits and `- _ . :` (2.4; `/` is a word character too, but
" `//` and `/*` start comments, so it is left out here). Keywords match whole words only.
syntax iskeyword @,48-57,_,-,.,:,192-255
syntax case match

" Keywords (2.5): the statement keywords of profiles and assessments, then those of catalogs
" (`industry` is handled below), and the modifiers.
syntax keyword smmKeyword profile assessment extends follows role description target
syntax keyword smmKeyword rationale note date assessor practice evidence waive reason owner
syntax keyword smmKeyword framework standard extend domain subdomain objective
syntax keyword smmKeyword comprehensiveness source edition supersedes clause annex text
syntax keyword smmKeyword mapping map unmapped security-level
syntax keyword smmModifier level scope implements expires link stub parent to as for via

" Ids: kebab case (`access-control`, `line-4`, `iso27002`).
syntax match smmIdentifier "\<[a-z][a-z0-9]*\%(-[a-z0-9]\+\)*\>"
" The name an item declares (`profile factory-baseline "..." {` at the top level).
syntax match smmName "\%(^\%(profile\|assessment\|framework\|standard\|mapping\)\s\+\)\@<=[a-z][a-z0-9]*\%(-[a-z0-9]\+\)*\>"

" `industry` is a keyword, except directly after a keyword on the same line (the scope name
" in `scope industry`, or the first value of a statement), where it is a word (2.5).
syntax match smmKeyword "\<industry\>"
syntax match smmIdentifier "\%(\<\%(profile\|assessment\|industry\|extends\|follows\|role\|description\|target\|rationale\|note\|date\|assessor\|practice\|evidence\|waive\|reason\|owner\|framework\|standard\|extend\|domain\|subdomain\|objective\|comprehensiveness\|source\|edition\|supersedes\|clause\|annex\|text\|mapping\|map\|unmapped\|security-level\|level\|scope\|implements\|expires\|link\|stub\|parent\|to\|as\|for\|via\)\s\+\)\@30<=industry\>"

" Integers (levels), dates (shape YYYY-MM-DD) and clause references (STANDARD:CLAUSE, 3).
syntax match smmNumber "\<-\=\d\+\>"
syntax match smmDate "\<\d\{4}-\d\d-\d\d\>"
syntax match smmClause "\<[a-z][a-z0-9]*\%(-[a-z0-9]\+\)*:[A-Za-z0-9]\+\%([.-][A-Za-z0-9]\+\)*\>"

" Strings stay on one line (2.3); four escapes are known.
syntax region smmString start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ oneline contains=smmEscapeError,smmEscape,@Spell
syntax match smmEscapeError +\\.+ contained
syntax match smmEscape +\\[\\"nt]+ contained

" Comments (2.2): block comments do not nest.
syntax keyword smmTodo TODO FIXME XXX NOTE contained
syntax match smmLineComment "//.*$" contains=smmTodo,@Spell
syntax region smmBlockComment start="/\*" end="\*/" contains=smmTodo,@Spell

syntax match smmBrace "[{}]"
" Characters that cannot start a token (2.6).
syntax match smmError "[,;#='“”‘’]"

syntax sync ccomment smmBlockComment minlines=50

highlight default link smmKeyword Keyword
highlight default link smmModifier Keyword
highlight default link smmIdentifier Identifier
highlight default link smmName Function
highlight default link smmNumber Number
highlight default link smmDate Constant
highlight default link smmClause Special
highlight default link smmString String
highlight default link smmEscape SpecialChar
highlight default link smmEscapeError Error
highlight default link smmTodo Todo
highlight default link smmLineComment Comment
highlight default link smmBlockComment Comment
highlight default link smmBrace Delimiter
highlight default link smmError Error

let b:current_syntax = 'smm'

let &cpo = s:cpo_save
unlet s:cpo_save

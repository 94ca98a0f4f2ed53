" Filetype settings for .smm files (comments, and the layout of `smm fmt`: 2 spaces per block).
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

let s:cpo_save = &cpo
set cpo&vim

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal formatoptions-=t formatoptions+=croql
" `smm fmt` indents by 2 spaces per block level and never uses tabs.
setlocal shiftwidth=2 softtabstop=2 expandtab
" Ids are kebab case (`access-control`): make them one word for `*`, `ciw` and completion.
setlocal iskeyword+=-
setlocal suffixesadd=.smm

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< shiftwidth<'
      \ . ' softtabstop< expandtab< iskeyword< suffixesadd<'

let &cpo = s:cpo_save
unlet s:cpo_save

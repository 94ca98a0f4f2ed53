" Indentation of .smm files by brace depth, as `smm fmt` lays them out (grammar/README.md,
" section 8): 2 spaces (one 'shiftwidth') per open `{`, a `}` at the indentation of the line
" that opened its block, and the lines inside a block comment left as they are.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetSmmIndent()
setlocal indentkeys=0},0{,!^F,o,O
setlocal autoindent nosmartindent nocindent

let b:undo_indent = 'setlocal indentexpr< indentkeys< autoindent< smartindent< cindent<'

if exists('*GetSmmIndent')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" {text} without strings and comments (approximately: enough to count braces).
function! s:Code(text) abort
  " A string stays on one line; an unterminated one runs to the end of the line.
  let text = substitute(a:text, '"\%([^"\\]\|\\.\)*\%("\|$\)', '""', 'g')
  let text = substitute(text, '/\*.\{-}\*/', ' ', 'g')
  let text = substitute(text, '//.*$', '', '')
  " What follows an unclosed `/*` is comment.
  return substitute(text, '/\*.*$', '', '')
endfunction

" Whether the `/*` or `*/` under the cursor is not a comment delimiter: it stands in a string,
" or after `//` on its line.
function! s:NotDelimiter() abort
  let before = strpart(getline('.'), 0, col('.') - 1)
  let before = substitute(before, '"\%([^"\\]\|\\.\)*"', '', 'g')
  return before =~# '"' || before =~# '//' || before =~# '/$'
endfunction

" [line, column, opens] of the last comment delimiter before line {lnum} ([0, 0, 0] if none),
" where opens is 1 for `/*`, 0 for `*/`. Block comments do not nest, so line {lnum} begins
" inside a block comment exactly when that delimiter is a `/*`.
function! s:LastDelimiter(lnum) abort
  if a:lnum <= 1
    return [0, 0, 0]
  endif
  let save = getcurpos()
  call cursor(a:lnum, 1)
  let stop = max([1, a:lnum - 2000])
  let Skip = {-> s:NotDelimiter()}
  let open = searchpos('/\*', 'bnW', stop, 0, Skip)
  let close = searchpos('\*/', 'bnW', stop, 0, Skip)
  call setpos('.', save)
  if open[0] > close[0] || (open[0] == close[0] && open[1] > close[1])
    return open + [1]
  endif
  return close + [0]
endfunction

function! GetSmmIndent() abort
  let lnum = v:lnum
  let [line, col, opens] = s:LastDelimiter(lnum)
  " The text of a block comment is kept verbatim by the formatter: keep it here too.
  if opens
    return -1
  endif
  let prev = prevnonblank(lnum - 1)
  if prev == 0
    return 0
  endif
  let start = prev
  let code = s:Code(getline(prev))
  if line == prev
    " The line above may end a block comment opened on an earlier line: its statement starts
    " on the line where the comment opens.
    let [line, col, opens] = s:LastDelimiter(prev)
    if opens
      let start = line
      let code = s:Code(strpart(getline(line), 0, col - 1))
            \ . s:Code(matchstr(getline(prev), '\*/\zs.*$'))
    endif
  endif
  let ind = indent(start)
  let opens = len(substitute(code, '[^{]', '', 'g'))
  let closes = len(substitute(code, '[^}]', '', 'g'))
  " A `}` that starts the line has already been dedented on that line.
  if code =~# '^\s*}'
    let closes -= 1
  endif
  let ind += (opens - closes) * shiftwidth()
  if getline(lnum) =~# '^\s*}'
    let ind -= shiftwidth()
  endif
  return max([ind, 0])
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save

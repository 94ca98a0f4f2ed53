; Indentation: two spaces per block level. Captures for nvim-treesitter (`@indent.*`) and Helix
; (`@indent`, `@outdent`); each editor ignores the other's.

(block) @indent.begin @indent

(block
  "}" @indent.branch @indent.end)

"}" @outdent

(comment) @indent.auto

; Folds: every `{ ... }` block and block comments.
(block) @fold

(comment) @fold

;;; smm-mode.el --- Major mode for IoT Security Maturity Model (.smm) files  -*- lexical-binding: t -*-

;; Copyright (C) 2026 The smm project contributors

;; Author: The smm project contributors
;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages
;; SPDX-License-Identifier: MIT OR Apache-2.0

;; This file is not part of GNU Emacs.

;;; Commentary:

;; A major mode for `.smm' files: profiles, assessments and catalogs of the
;; IIC IoT Security Maturity Model, in the language specified in
;; grammar/README.md of the smm project.
;;
;; It provides syntax highlighting (keywords, strings and their escapes,
;; comments, dates, levels, clause references such as
;; `iec62443-3-3:SR1.1-RE1', the names after `profile', `target', `practice'
;; and the like, and the fixed scope, role and relationship values),
;; `//' and `/* */' comments, and indentation by brace depth, two spaces per
;; level as `smm fmt' lays files out.
;;
;; With Eglot, `M-x eglot' in an smm buffer starts the language server
;; (`smm lsp'; see `smm-lsp-command') for diagnostics, hover, completion,
;; go to definition, formatting and the rest.
;;
;; Setup:
;;
;;   (add-to-list 'load-path "/path/to/smm/editors/emacs")
;;   (require 'smm-mode)
;;   (add-hook 'smm-mode-hook #'eglot-ensure)   ; optional

;;; Code:

(defgroup smm nil
  "Editing IoT Security Maturity Model (.smm) files."
  :group 'languages
  :prefix "smm-")

(defcustom smm-indent-offset 2
  "Number of spaces per block level in `smm-mode'.
`smm fmt' uses 2."
  :type 'integer
  :safe #'integerp)

(defcustom smm-lsp-command '("smm" "lsp")
  "Command that starts the smm language server: a program and its arguments.
Eglot reads it each time it starts a server for an `smm-mode' buffer, so
a change applies to the next server started."
  :type '(repeat string))

;;;; Faces

(defface smm-clause-face
  '((t :inherit font-lock-constant-face))
  "Face for the clause part of a clause reference (`SR1.1' in `iec62443-3-3:SR1.1')."
  :group 'smm)

(defface smm-standard-face
  '((t :inherit font-lock-type-face))
  "Face for standard ids: in clause references and after `standard' or `follows'."
  :group 'smm)

(defface smm-date-face
  '((t :inherit font-lock-constant-face))
  "Face for dates (YYYY-MM-DD)."
  :group 'smm)

(defface smm-number-face
  '((t :inherit font-lock-constant-face))
  "Face for numbers, such as the N of `level N'."
  :group 'smm)

;;;; Words of the language (grammar/README.md, section 2.5)

(defconst smm-item-keywords
  '("profile" "assessment" "framework" "standard" "extend" "mapping")
  "Keywords that start an item at the top level of a file.")

(defconst smm-statement-keywords
  '("industry" "extends" "follows" "role" "description" "target" "rationale"
    "note" "date" "assessor" "practice" "evidence" "waive" "reason" "owner"
    "domain" "subdomain" "objective" "comprehensiveness" "source" "edition"
    "supersedes" "clause" "annex" "text" "map" "unmapped" "security-level")
  "Keywords that start a statement inside a block (item keywords aside).")

(defconst smm-modifier-keywords
  '("level" "scope" "implements" "expires" "link" "stub" "parent" "to" "as"
    "for" "via")
  "Keywords that continue a statement.")

(defconst smm-scopes '("general" "industry" "system")
  "The scope names.")

(defconst smm-roles '("asset-owner" "product-supplier" "service-provider")
  "The role names.")

(defconst smm-relationships '("equal" "subset" "superset" "intersect")
  "The relationships of a mapping edge (`as RELATIONSHIP').")

(defconst smm--name-re "[a-z][a-z0-9]*\\(?:-[a-z0-9]+\\)*"
  "A name (identifier): lowercase kebab case.")

(defconst smm--clause-re
  (concat "\\_<\\(" smm--name-re "\\)\\(:\\)"
          "\\([A-Za-z0-9]+\\(?:[.-][A-Za-z0-9]+\\)*\\)\\_>")
  "A clause reference STANDARD:CLAUSE, with both parts as groups 1 and 3.")

(defun smm--reserved-p (word)
  "Return non-nil if WORD is a keyword that cannot stand for a name.
`industry' can: it is also a scope name (spec section 2.5)."
  (and (not (equal word "industry"))
       (member word (append smm-item-keywords smm-statement-keywords
                            smm-modifier-keywords))))

(defun smm--words-re (words)
  "Return a regexp matching one of WORDS as a whole symbol."
  (concat "\\_<" (regexp-opt words t) "\\_>"))

(defun smm--after (keywords face &optional value-re)
  "Return a font-lock rule for a name after one of KEYWORDS.
The keyword gets the face of its kind and the name FACE, unless the name is
itself a reserved word, which is then left to the keyword rules.  VALUE-RE,
if given, matches what follows the keyword instead of a name."
  (let ((keyword-face (if (member (car keywords) smm-modifier-keywords)
                          'font-lock-builtin-face
                        'font-lock-keyword-face)))
    `(,(concat "\\_<" (regexp-opt keywords t) "[ \t]+\\("
               (or value-re smm--name-re) "\\)\\_>")
      (1 ',keyword-face)
      (2 (unless (smm--reserved-p (match-string 2)) ',face)))))

(defconst smm-font-lock-keywords
  `(;; Values that only mean something after their keyword.
    ,(smm--after '("scope") 'font-lock-constant-face (regexp-opt smm-scopes))
    ,(smm--after '("as") 'font-lock-constant-face (regexp-opt smm-relationships))
    ,(smm--after '("level" "comprehensiveness") 'smm-number-face "-?[0-9]+")
    ;; Names after the keyword that declares or refers to them.
    ,(smm--after '("profile" "assessment" "framework" "mapping" "domain"
                   "subdomain")
                 'font-lock-function-name-face)
    ,(smm--after '("extends") 'font-lock-function-name-face)
    ,(smm--after '("standard" "follows" "supersedes") 'smm-standard-face)
    ,(smm--after '("target" "practice" "map") 'font-lock-variable-name-face)
    ;; `waive CODE for PRACTICE'; the roles after a map line's `for' are
    ;; left to the role rule below.
    (,(concat "\\_<\\(for\\)[ \t]+\\(" smm--name-re "\\)\\_>")
     (1 'font-lock-builtin-face)
     (2 (unless (or (smm--reserved-p (match-string 2))
                    (member (match-string 2) smm-roles))
          'font-lock-variable-name-face)))
    ,(smm--after '("parent") 'font-lock-type-face)
    ,(smm--after '("industry") 'font-lock-variable-name-face)
    ,(smm--after '("waive") 'font-lock-preprocessor-face)
    (,(concat "\\_<\\(annex\\)[ \t]+\"\\(?:[^\"\\\n]\\|\\\\.\\)*\"[ \t]+\\("
              smm--name-re "\\)\\_>")
     (1 'font-lock-keyword-face)
     (2 (unless (smm--reserved-p (match-string 2)) 'smm-standard-face)))
    ;; Values.
    (,smm--clause-re (1 'smm-standard-face) (3 'smm-clause-face))
    ("\\_<[0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\_>" . 'smm-date-face)
    ("\\_<-?[0-9]+\\_>" . 'smm-number-face)
    (,(smm--words-re smm-roles) . 'font-lock-constant-face)
    ;; Keywords.
    (,(smm--words-re (append smm-item-keywords smm-statement-keywords))
     . 'font-lock-keyword-face)
    (,(smm--words-re smm-modifier-keywords) . 'font-lock-builtin-face)
    ;; A character that starts no token (`,' `;' `#' ...): a syntax error.
    ("[^][:space:][:alnum:]_.:/\"{}\ufeff-]" . 'font-lock-warning-face))
  "Highlighting for `smm-mode'.")

;;;; Syntax

(defvar smm-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; `//' comments (style b) end at the line break; `/* */' (style a)
    ;; do not nest.
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?\r "> b" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    ;; Words of smm also hold - _ . and : (`iec62443-3-3:SR1.1-RE1').
    (dolist (char '(?- ?_ ?. ?:))
      (modify-syntax-entry char "_" table))
    (modify-syntax-entry ?{ "(}" table)
    (modify-syntax-entry ?} "){" table)
    ;; Only braces make blocks.
    (dolist (char '(?\( ?\) ?\[ ?\] ?< ?> ?' ?, ?\; ?# ?= ?| ?& ?+ ?% ?$ ?@ ?! ??))
      (modify-syntax-entry char "." table))
    table)
  "Syntax table for `smm-mode'.")

(defun smm--syntax-propertize (start end)
  "Let strings end at the end of their line, as smm strings do.
An unclosed string between START and END gets string-fence syntax on its
opening quote and on the line break (or on a backslash just before it), so
that it ends there instead of running on to the next quote."
  (goto-char start)
  (while (re-search-forward "\"" end t)
    (let ((quote (match-beginning 0)))
      (unless (nth 8 (save-excursion (syntax-ppss quote)))
        (skip-chars-forward "^\"\\\\\n\r")
        (while (and (eq (char-after) ?\\)
                    (not (memq (char-after (1+ (point))) '(?\n ?\r nil))))
          (forward-char 2)
          (skip-chars-forward "^\"\\\\\n\r"))
        (cond
         ((eq (char-after) ?\") (forward-char 1))
         ((char-after)
          (put-text-property quote (1+ quote) 'syntax-table
                             (string-to-syntax "|"))
          (put-text-property (point) (1+ (point)) 'syntax-table
                             (string-to-syntax "|"))
          (forward-char 1)))))))

;;;; Indentation

(defconst smm--continuation-re
  (concat "\\(?:" (smm--words-re smm-modifier-keywords)
          "\\|\"\\|-?[0-9]\\|" smm--name-re ":\\)")
  "What a line that continues the statement above starts with.
A modifier, a string, a number, a date or a clause reference (spec section 4).")

(defun smm--continuation-line-p ()
  "Return non-nil if the line at point continues the statement above it.
Point is at the first token of the line."
  (and (looking-at smm--continuation-re)
       (save-excursion
         (forward-comment (- (point)))
         (not (or (bobp) (memq (char-before) '(?{ ?})))))))

(defun smm--indentation ()
  "Return the indentation of the current line, or nil to leave it alone."
  (save-excursion
    ;; `syntax-ppss' leaves point where it parsed to: call it first.
    (let* ((ppss (syntax-ppss (line-beginning-position)))
           (depth (car ppss)))
      (back-to-indentation)
      (unless (or (nth 3 ppss) (nth 4 ppss))
        (when (eq (char-after) ?})
          (setq depth (1- depth)))
        (when (smm--continuation-line-p)
          (setq depth (1+ depth)))
        (* smm-indent-offset (max depth 0))))))

(defun smm-indent-line ()
  "Indent the current line by its brace depth, `smm-indent-offset' per level.
A line that continues the statement above goes one level deeper; the
lines inside a block comment are left as they are."
  (interactive)
  (let ((indent (smm--indentation)))
    (if (not indent)
        'noindent
      (if (<= (current-column) (current-indentation))
          (indent-line-to indent)
        (save-excursion (indent-line-to indent))))))

;;;; Language server

(defun smm--eglot-contact (&optional _interactive)
  "Return `smm-lsp-command', the program and arguments for Eglot to run."
  smm-lsp-command)

(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs '(smm-mode . smm--eglot-contact)))

;;;; The mode

(defvar smm-imenu-generic-expression
  (mapcar (lambda (kind)
            (list (capitalize kind)
                  (concat "^" kind "[ \t]+\\(" smm--name-re "\\)\\_>")
                  1))
          '("mapping" "standard" "framework" "assessment" "profile"))
  "Index of the items of a file for `imenu'.")

;;;###autoload
(define-derived-mode smm-mode prog-mode "SMM"
  "Major mode for IoT Security Maturity Model (.smm) files.

Highlights the language, indents by brace depth (`smm-indent-offset') and
knows its comments.  \\[eglot] starts the language server given by
`smm-lsp-command'.

\\{smm-mode-map}"
  :group 'smm
  (setq-local font-lock-defaults '(smm-font-lock-keywords))
  (setq-local syntax-propertize-function #'smm--syntax-propertize)
  (add-hook 'syntax-propertize-extend-region-functions
            #'syntax-propertize-wholelines nil t)
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  ;; `smm fmt' puts a trailing comment one space after the code.
  (setq-local comment-column 0)
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)[ \t]*")
  (setq-local comment-end-skip "[ \t]*\\(?:\n\\|\\*+/\\)")
  (setq-local indent-line-function #'smm-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local electric-indent-chars (append "{}" electric-indent-chars))
  (setq-local imenu-generic-expression smm-imenu-generic-expression))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.smm\\'" . smm-mode))

(provide 'smm-mode)

;;; smm-mode.el ends here

;;; test.el --- smm-mode and `smm lsp' in a real Emacs (batch)  -*- lexical-binding: t -*-

;; Run by tests/emacs/run as `emacs --batch -l test.el' (not -Q: Debian's site-start puts the
;; elpa-eglot package on the load path). WORKSPACE names a workspace holding plant.smm, SMM_BIN
;; the server binary and SMM_MODE_DIR the folder of smm-mode.el. Opens the assessment: checks
;; the mode (auto-mode-alist), font-lock, indentation and comment syntax, then starts Eglot on
;; `$SMM_BIN lsp', waits for diagnostics in Flymake and asks for a hover. Exits 0 when all
;; holds; otherwise prints what failed and exits 1. The server is shut down either way.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar test-smm-failures 0)

(defun test-smm-check (what ok &optional detail)
  "Report WHAT as passed if OK, else as failed with DETAIL."
  (if ok
      (message "ok: %s" what)
    (setq test-smm-failures (1+ test-smm-failures))
    (message "FAIL: %s%s" what (if detail (format " (%s)" detail) ""))))

(defun test-smm-wait (predicate seconds)
  "Wait up to SECONDS for PREDICATE to return non-nil; return its value."
  (let ((deadline (+ (float-time) seconds))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun test-smm-faces-at (pos)
  "The faces at POS, as a list."
  (let ((face (get-text-property pos 'face)))
    (if (listp face) face (list face))))

(defun test-smm-request (server method params)
  "Send SERVER the request METHOD with PARAMS and return its result."
  (if (fboundp 'eglot--request)         ; newer Eglot; 1.9 (Debian 12) has none
      (eglot--request server method params)
    (jsonrpc-request server method params)))

(defun test-smm-shutdown (server)
  "Shut SERVER down as `eglot-shutdown' does, and check that it exits on its own.
`eglot-shutdown' in Eglot 1.9 (through `jsonrpc-shutdown') kills the process
right after the `exit' notification, so it would hide a server that does not
exit.  This sends `shutdown' and `exit', then waits for the process to end by
itself; only if it does not is it killed, and the test fails."
  (let ((process (jsonrpc--process server)))
    (setf (eglot--shutdown-requested server) t)
    (condition-case err
        (progn
          (jsonrpc-request server :shutdown nil :timeout 10)
          (jsonrpc-notify server :exit nil))
      (error (test-smm-check "shutdown is answered" nil (error-message-string err))))
    (test-smm-wait (lambda () (not (process-live-p process))) 10)
    (test-smm-check "the server exits on its own after shutdown and exit"
                    (and (not (process-live-p process))
                         (eq (process-status process) 'exit)
                         (zerop (process-exit-status process)))
                    (list (process-status process) (process-exit-status process)))
    (when (process-live-p process)
      (eglot-shutdown server))))

(defun test-smm-goto (regexp &optional group)
  "Go to the start of GROUP (default 0) of the first match of REGEXP."
  (goto-char (point-min))
  (re-search-forward regexp)
  (goto-char (match-beginning (or group 0))))

(let* ((root (getenv "WORKSPACE"))
       (smm (getenv "SMM_BIN"))
       (file (expand-file-name "plant.smm" root))
       (server nil))
  (add-to-list 'load-path (getenv "SMM_MODE_DIR"))
  (require 'smm-mode)
  (setq smm-lsp-command (list smm "lsp"))
  (unwind-protect
      (condition-case err
          (progn
            (find-file file)
            (test-smm-check "the assessment opens in smm-mode" (eq major-mode 'smm-mode)
                            major-mode)
            (test-smm-check "comment-start is \"// \"" (equal comment-start "// ")
                            comment-start)

            ;; Font-lock.
            (font-lock-mode 1)
            (font-lock-ensure)
            (test-smm-goto "^  \\(profile\\) base" 1)
            (let ((keyword (test-smm-faces-at (point))))
              (test-smm-check "`profile' has the keyword face"
                              (memq 'font-lock-keyword-face keyword) keyword)
              (test-smm-goto "iec62443-3-3:\\(SR2\\.1\\)" 1)
              (let ((clause (test-smm-faces-at (point))))
                (test-smm-check "a clause reference has a face of its own"
                                (and (memq 'smm-clause-face clause)
                                     (not (memq 'font-lock-keyword-face clause)))
                                clause)))
            (test-smm-goto "\\(2026-11-10\\)" 1)
            (test-smm-check "a date has the date face"
                            (memq 'smm-date-face (test-smm-faces-at (point))))
            (test-smm-goto "// \\(Prüfung\\)" 1)
            (test-smm-check "a comment has the comment face"
                            (memq 'font-lock-comment-face (test-smm-faces-at (point))))

            ;; Indentation, on a copy of the text (the file itself stays as it is).
            (let ((text (buffer-string)))
              (with-temp-buffer
                (insert text)
                (smm-mode)
                (test-smm-goto "^  date")
                (indent-line-to 0)
                (indent-according-to-mode)
                (test-smm-check "a line inside a block is indented by 2"
                                (= (current-indentation) 2) (current-indentation))
                (test-smm-goto "^    evidence")
                (indent-line-to 7)
                (indent-according-to-mode)
                (test-smm-check "a line two blocks deep is indented by 4"
                                (= (current-indentation) 4) (current-indentation))
                (test-smm-goto "^  }")
                (indent-line-to 6)
                (indent-according-to-mode)
                (test-smm-check "a closing brace goes back to its block's line"
                                (= (current-indentation) 2) (current-indentation))))

            ;; The language server.
            (require 'eglot)
            (test-smm-check "smm-mode is in eglot-server-programs"
                            (assq 'smm-mode eglot-server-programs))
            (apply #'eglot (eglot--guess-contact))
            (setq server (test-smm-wait #'eglot-current-server 20))
            (test-smm-check "Eglot connects to smm lsp" server)
            (when server
              (let ((diagnostics
                     (test-smm-wait
                      (lambda ()
                        (cl-find-if (lambda (d)
                                      (string-match-p "check::unknown-practice\\|unknown practice"
                                                      (flymake-diagnostic-text d)))
                                    (flymake-diagnostics)))
                      30)))
                (test-smm-check "Flymake shows check::unknown-practice" diagnostics
                                (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
              (test-smm-goto "practice \\(access-control\\)" 1)
              (forward-char 3)
              (let* ((hover (test-smm-request server :textDocument/hover
                                              (eglot--TextDocumentPositionParams)))
                     (contents (plist-get hover :contents))
                     (text (if (stringp contents) contents
                             (format "%s" (or (plist-get contents :value) contents)))))
                (test-smm-check "the hover on a practice names a 62443 clause"
                                (string-match-p "iec62443" text) text))))
        (error (test-smm-check "no error" nil (error-message-string err))))
    (let ((server (or server (ignore-errors (eglot-current-server)))))
      (when (and server (jsonrpc-running-p server))
        (test-smm-shutdown server))))
  (kill-emacs (if (zerop test-smm-failures) 0 1)))

;;; test.el ends here

; Highlights for smm. Capture names are the common ones of nvim-treesitter and Helix; both fall
; back from a dotted name to its prefix (`keyword.modifier` to `keyword`).

; ---- Keywords ----

; Items.
[
  "profile"
  "assessment"
  "framework"
  "standard"
  "extend"
  "mapping"
] @keyword

; Statements.
[
  "industry"
  "extends"
  "follows"
  "role"
  "description"
  "target"
  "rationale"
  "note"
  "date"
  "assessor"
  "practice"
  "evidence"
  "waive"
  "reason"
  "owner"
  "domain"
  "subdomain"
  "objective"
  "comprehensiveness"
  "source"
  "edition"
  "supersedes"
  "clause"
  "annex"
  "text"
  "map"
  "unmapped"
  "security-level"
] @keyword

; Modifiers, which continue a statement.
[
  "level"
  "scope"
  "implements"
  "expires"
  "link"
  "parent"
  "to"
  "as"
  "for"
  "via"
] @keyword.modifier

(stub) @keyword.modifier

; ---- Names ----

; Items and the profiles, frameworks and standards they name.
(profile name: (identifier) @type)
(assessment name: (identifier) @type)
(framework name: (identifier) @type)
(standard name: (identifier) @type)
(mapping name: (identifier) @type)
(extends_setting value: (identifier) @type)
(profile_setting value: (identifier) @type)
(follows_setting value: (identifier) @type)
(supersedes_setting value: (identifier) @type)
(annex standard: (identifier) @type)

; Practices: defined in a framework, targeted, rated, mapped and waived.
(practice_definition id: (identifier) @function)
(target practice: (identifier) @function)
(practice practice: (identifier) @function)
(map practice: (identifier) @function)
(for practice: (identifier) @function)

; Domains and subdomains, and the parents in a framework.
(domain id: (identifier) @type)
(subdomain id: (identifier) @type)
(parent value: (identifier) @type)

; Values from fixed vocabularies.
(scope value: (identifier) @constant.builtin)
(role_setting value: (identifier) @constant)
(industry_setting value: (identifier) @constant)
(for role: (identifier) @constant)
(as value: (identifier) @constant)
(waiver code: (identifier) @label)

; ---- Literals ----

(clause_reference) @constant
(integer) @constant.numeric
(date) @string.special
(string) @string
(comment) @comment

[
  "{"
  "}"
] @punctuation.bracket

; Names are visible across the whole workspace (no imports), so a file is one scope. The
; definitions are the names of items and of the definitions in catalogs; references are the
; places that name them.

(source_file) @local.scope

; Definitions.
(profile name: (identifier) @local.definition)
(assessment name: (identifier) @local.definition)
(framework name: (identifier) @local.definition)
(standard name: (identifier) @local.definition)
(mapping name: (identifier) @local.definition)
(domain id: (identifier) @local.definition)
(subdomain id: (identifier) @local.definition)
(practice_definition id: (identifier) @local.definition)
(clause_definition id: (clause_reference) @local.definition)

; References.
(extends_setting value: (identifier) @local.reference)
(profile_setting value: (identifier) @local.reference)
(follows_setting value: (identifier) @local.reference)
(supersedes_setting value: (identifier) @local.reference)
(annex standard: (identifier) @local.reference)
(parent value: (identifier) @local.reference)
(parent value: (clause_reference) @local.reference)
(target practice: (identifier) @local.reference)
(practice practice: (identifier) @local.reference)
(map practice: (identifier) @local.reference)
(for practice: (identifier) @local.reference)
(implements clause: (clause_reference) @local.reference)
(to value: (clause_reference) @local.reference)
(via value: (clause_reference) @local.reference)
(extend clause: (clause_reference) @local.reference)
(unmapped clause: (clause_reference) @local.reference)

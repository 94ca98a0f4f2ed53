/**
 * @file Tree-sitter grammar for the smm language (.smm files): IIC IoT Security Maturity Model
 * profiles, assessments and catalogs.
 * @license MIT OR Apache-2.0
 *
 * The language is defined by the parser in crates/smm-syntax and described in grammar/README.md;
 * this grammar follows that parser (tests/grammar/test_conformance.py holds it to it). Rules that
 * a context-free grammar cannot express are left to the external scanner (src/scanner.c):
 *
 * - words are classified as a whole (spec 2.4): a run of word characters that is not a keyword,
 *   an identifier, an integer, a date or a clause reference is an error, even where a prefix of
 *   it would lex as a token (`3scope`, `2026-1-1`, `Access_Control`);
 * - a line that starts with a plain word never continues the statement above (spec 4);
 * - `industry` is a keyword, but on the same line directly after a statement keyword or a
 *   modifier it is read as a name (spec 2.5).
 *
 * Modifiers come in any order and each at most once (spec 4); `anyOrder` spells that out.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// The 45 reserved words of spec 2.5 (crates/smm-syntax/src/token.rs, `Keyword::ALL`).
const STATEMENT_KEYWORDS = [
  'profile', 'assessment', 'industry', 'extends', 'follows', 'role', 'description', 'target',
  'rationale', 'note', 'date', 'assessor', 'practice', 'evidence', 'waive', 'reason', 'owner',
  'framework', 'standard', 'extend', 'domain', 'subdomain', 'objective', 'comprehensiveness',
  'source', 'edition', 'supersedes', 'clause', 'annex', 'text', 'mapping', 'map', 'unmapped',
  'security-level',
];
const MODIFIER_KEYWORDS = [
  'level', 'scope', 'implements', 'expires', 'link', 'stub', 'parent', 'to', 'as', 'for', 'via',
];

/**
 * Every ordering of a subset of `rules`, each at most once, that includes the rules whose
 * indexes are in `required`.
 *
 * @param {Rule[]} rules
 * @param {number[]} [required]
 * @returns {Rule}
 */
function anyOrder(rules, required = []) {
  /**
   * @param {number[]} left indexes of the rules not used yet
   * @returns {Rule}
   */
  const rest = (left) => {
    const done = required.every((r) => !left.includes(r));
    const next = left.map((i) => seq(rules[i], rest(left.filter((l) => l !== i))));
    if (next.length === 0) {
      return blank();
    }
    return done ? optional(choice(...next)) : choice(...next);
  };
  return rest(rules.map((_, i) => i));
}

/**
 * `{ fields }`.
 *
 * @param {Rule} field
 * @returns {Rule}
 */
function block(field) {
  return seq('{', repeat(field), '}');
}

/**
 * `KEYWORD value`: a setting with exactly one value.
 *
 * @param {string} keyword
 * @param {Rule} value
 * @returns {Rule}
 */
function setting(keyword, value) {
  return seq(keyword, field('value', value));
}

module.exports = grammar({
  name: 'smm',

  externals: ($) => [
    // Zero-width, in `extras`, so the scanner sees every token boundary; never produced.
    $._boundary,
    // The word `industry` read as a name (spec 2.5).
    $._industry_name,
    // A word the real parser rejects wherever it stands: never valid, so it always gives an
    // ERROR node.
    $.invalid_word,
    // Never valid in any state: its presence in `valid_symbols` means error recovery.
    $._error_sentinel,
  ],

  // White space is Unicode White_Space (Rust's `char::is_whitespace`; the regex `\s` here is
  // ASCII only) and the byte order mark.
  extras: ($) => [
    /[\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]/,
    $.comment,
    $._boundary,
  ],

  word: ($) => $.identifier,

  reserved: {
    global: (_) => [...STATEMENT_KEYWORDS, ...MODIFIER_KEYWORDS],
  },

  supertypes: ($) => [$._item],

  rules: {
    source_file: ($) => repeat($._item),

    _item: ($) => choice(
      $.profile,
      $.assessment,
      $.framework,
      $.standard,
      $.extend,
      $.mapping,
    ),

    // ---- Profiles (spec 6.2, 6.3) ----

    profile: ($) => seq(
      'profile',
      field('name', $._name),
      optional(field('title', $.string)),
      field('body', alias($.profile_body, $.block)),
    ),
    profile_body: ($) => block(choice(
      $.industry_setting,
      $.extends_setting,
      $.follows_setting,
      $.role_setting,
      $.description_setting,
      $.target,
    )),

    industry_setting: ($) => setting('industry', $._name),
    extends_setting: ($) => setting('extends', $._name),
    follows_setting: ($) => setting('follows', $._name),
    role_setting: ($) => setting('role', $._name),
    description_setting: ($) => setting('description', $.string),

    target: ($) => seq(
      'target',
      field('practice', $._name),
      $._rating,
      optional(field('body', alias($.target_body, $.block))),
    ),
    target_body: ($) => block(choice($.rationale_setting, $.note_setting)),
    rationale_setting: ($) => setting('rationale', $.string),
    note_setting: ($) => setting('note', $.string),

    // ---- Assessments (spec 6.4 to 6.6a) ----

    assessment: ($) => seq(
      'assessment',
      field('name', $._name),
      optional(field('title', $.string)),
      field('body', alias($.assessment_body, $.block)),
    ),
    assessment_body: ($) => block(choice(
      $.profile_setting,
      $.follows_setting,
      $.role_setting,
      $.date_setting,
      $.assessor_setting,
      $.description_setting,
      $.practice,
      $.waiver,
    )),

    profile_setting: ($) => setting('profile', $._name),
    date_setting: ($) => setting('date', $.date),
    assessor_setting: ($) => setting('assessor', $.string),

    practice: ($) => seq(
      'practice',
      field('practice', $._name),
      $._rating,
      optional(field('body', alias($.practice_body, $.block))),
    ),
    practice_body: ($) => block(choice($.evidence, $.note_setting)),

    // `level N` is required, `scope S` optional, in either order, each once.
    _rating: ($) => choice(
      seq($.level, optional($.scope)),
      seq($.scope, $.level),
    ),
    level: ($) => seq('level', field('value', $.integer)),
    scope: ($) => seq('scope', field('value', $._name)),

    evidence: ($) => seq(
      'evidence',
      field('description', $.string),
      anyOrder([$.implements, $.expires, $.link, $.stub]),
    ),
    implements: ($) => seq('implements', repeat1(field('clause', $.clause_reference))),
    expires: ($) => seq('expires', field('value', $.date)),
    link: ($) => seq('link', field('value', $.string)),
    stub: (_) => 'stub',

    waiver: ($) => seq(
      'waive',
      field('code', $._name),
      anyOrder([alias($.waiver_for, $.for), $.expires]),
      optional(field('body', alias($.waiver_body, $.block))),
    ),
    waiver_for: ($) => seq('for', field('practice', $._name)),
    waiver_body: ($) => block(choice($.reason_setting, $.owner_setting)),
    reason_setting: ($) => setting('reason', $.string),
    owner_setting: ($) => setting('owner', $.string),

    // ---- Catalogs: frameworks (spec 6.8, 6.10) ----

    framework: ($) => seq(
      'framework',
      field('name', $._name),
      optional(field('title', $.string)),
      field('body', alias($.framework_body, $.block)),
    ),
    framework_body: ($) => block(choice(
      $.description_setting,
      $.source_setting,
      $.domain,
      $.subdomain,
      $.practice_definition,
    )),
    source_setting: ($) => setting('source', $.string),

    domain: ($) => seq('domain', $._named_definition),
    subdomain: ($) => seq('subdomain', $._named_definition),
    practice_definition: ($) => seq('practice', $._named_definition),
    _named_definition: ($) => seq(
      field('id', $._name),
      optional(field('title', $.string)),
      optional(alias($.name_parent, $.parent)),
      optional(field('body', alias($.definition_body, $.block))),
    ),
    name_parent: ($) => seq('parent', field('value', $._name)),

    definition_body: ($) => block($._definition_field),
    _definition_field: ($) => choice(
      $.description_setting,
      $.objective_setting,
      $.comprehensiveness,
      $.text_setting,
      $.security_level_setting,
    ),
    objective_setting: ($) => setting('objective', $.string),
    comprehensiveness: ($) => seq(
      'comprehensiveness',
      field('level', $.integer),
      field('text', $.string),
    ),
    text_setting: ($) => setting('text', $.string),
    // The lowest IEC 62443 security level that asks for a requirement or enhancement. Any
    // integer here, as in the real parser: a value outside 1–4 is the model's error.
    security_level_setting: ($) => setting('security-level', $.integer),

    // ---- Catalogs: standards (spec 6.9, 6.10) ----

    standard: ($) => seq(
      'standard',
      field('name', $._name),
      optional(field('title', $.string)),
      field('body', alias($.standard_body, $.block)),
    ),
    standard_body: ($) => block(choice(
      $.description_setting,
      $.source_setting,
      $.edition_setting,
      $.supersedes_setting,
      $.role_setting,
      $.annex,
      $.clause_definition,
    )),
    edition_setting: ($) => setting('edition', $.string),
    supersedes_setting: ($) => setting('supersedes', $._name),
    annex: ($) => seq('annex', field('label', $.string), field('standard', $.identifier)),

    clause_definition: ($) => seq(
      'clause',
      field('id', $.clause_reference),
      optional(field('title', $.string)),
      optional(alias($.clause_parent, $.parent)),
      optional(field('body', alias($.definition_body, $.block))),
    ),
    clause_parent: ($) => seq('parent', field('value', $.clause_reference)),

    // ---- Catalogs: extensions (spec 6.11) ----

    extend: ($) => seq(
      'extend',
      field('clause', $.clause_reference),
      field('body', alias($.definition_body, $.block)),
    ),

    // ---- Mappings (spec 6.12) ----

    mapping: ($) => seq(
      'mapping',
      field('name', $._name),
      optional(field('title', $.string)),
      field('body', alias($.mapping_body, $.block)),
    ),
    mapping_body: ($) => block(choice(
      $.description_setting,
      $.source_setting,
      $.edition_setting,
      $.map,
      $.unmapped,
    )),

    // `level` and `to` are required; every modifier at most once, in any order.
    map: ($) => seq(
      'map',
      field('practice', $._name),
      anyOrder(
        [$.level, $.to, $.as, alias($.map_for, $.for), $.via],
        [0, 1],
      ),
      optional(field('body', alias($.target_body, $.block))),
    ),
    to: ($) => seq('to', field('value', $.clause_reference)),
    as: ($) => seq('as', field('value', $._name)),
    map_for: ($) => seq('for', field('role', $._name), repeat(field('role', $.identifier))),
    via: ($) => seq('via', field('value', $.clause_reference)),

    // A clause no practice maps to on purpose. The block with its `rationale` is optional here,
    // as in the real parser: a missing reason is the model's error, not a syntax error.
    unmapped: ($) => seq(
      'unmapped',
      field('clause', $.clause_reference),
      optional(field('body', alias($.unmapped_body, $.block))),
    ),
    unmapped_body: ($) => block($.rationale_setting),

    // ---- Values and tokens (spec 2) ----

    // A name in first position after a keyword may be the word `industry`.
    _name: ($) => choice($.identifier, alias($._industry_name, $.identifier)),

    identifier: (_) => /[a-z][a-z0-9]*(-[a-z0-9]+)*/,
    integer: (_) => /-?[0-9]+/,
    date: (_) => /[0-9]{4}-[0-9]{2}-[0-9]{2}/,
    clause_reference: (_) => /[a-z][a-z0-9]*(-[a-z0-9]+)*:[A-Za-z0-9]+([.-][A-Za-z0-9]+)*/,

    // One line; the escapes are \" \\ \n and \t.
    string: (_) => token(seq('"', repeat(choice(/[^"\\\r\n]/, /\\["\\nt]/)), '"')),

    comment: (_) => token(choice(
      seq('//', /[^\r\n]*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),
  },
});

// External scanner for the smm grammar: the lexical rules a context-free grammar cannot express
// (grammar/README.md, sections 2.4, 2.5 and 4). Written for this project.
//
// The scanner is consulted at every token boundary (its `_boundary` token is an extra). It reads
// the next word, the maximal run of word characters, and classifies it as a whole, as the real
// lexer does (crates/smm-syntax/src/lexer.rs):
//
// - a word that is no keyword, identifier, integer, date or clause reference becomes an
//   `invalid_word` token, which no rule accepts, so the tree has an ERROR there, even where the
//   grammar's own lexer would have cut a valid prefix off it (`3scope`, `2026-1-1`);
// - an identifier that starts a line becomes an `invalid_word` too: a line that starts with a
//   plain word never continues the statement above, and no statement starts with one;
// - `industry` on the same line, where a name is expected, becomes `_industry_name`.
//
// Anything else is left to the generated lexer (the scanner returns false).

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum TokenType {
  BOUNDARY,
  INDUSTRY_NAME,
  INVALID_WORD,
  ERROR_SENTINEL,
};

static const char *const KEYWORDS[] = {
    "profile",    "assessment", "industry",   "extends",  "follows",   "role",
    "description", "target",    "rationale",  "note",     "date",      "assessor",
    "practice",   "evidence",   "waive",      "reason",   "owner",     "framework",
    "standard",   "extend",     "domain",     "subdomain", "objective", "comprehensiveness",
    "source",     "edition",    "supersedes", "clause",   "annex",     "text",
    "mapping",    "map",        "level",      "scope",    "implements", "expires",
    "link",       "stub",       "parent",     "to",       "as",        "for",
    "via",        "unmapped",   "security-level",
};

#define KEYWORD_COUNT (sizeof(KEYWORDS) / sizeof(KEYWORDS[0]))
#define LONGEST_KEYWORD 17

// Rust's `char::is_whitespace` (Unicode White_Space), and the byte order mark.
static bool is_space(int32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static bool is_break(int32_t c) { return c == '\n' || c == '\r'; }

static bool is_lower(int32_t c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static bool is_ascii_alnum(int32_t c) {
  return is_lower(c) || is_digit(c) || (c >= 'A' && c <= 'Z');
}

// Word characters are Unicode letters and digits and `-` `_` `.` `:` `/`. Outside ASCII the
// scanner takes every character that is not white space: a non-ASCII letter makes its word
// invalid, and any other non-ASCII character is an error of its own, so either way the text is
// rejected, as by the real lexer.
static bool is_word_char(int32_t c) {
  if (c < 0x80) {
    return is_ascii_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '/';
  }
  return !is_space(c);
}

// `[a-z][a-z0-9]*(-[a-z0-9]+)*`, one character at a time.
enum IdentState { IDENT_START, IDENT_PART, IDENT_HYPHEN, IDENT_FAIL };

static enum IdentState ident_step(enum IdentState s, int32_t c) {
  switch (s) {
    case IDENT_START:
      return is_lower(c) ? IDENT_PART : IDENT_FAIL;
    case IDENT_PART:
      if (is_lower(c) || is_digit(c)) return IDENT_PART;
      return c == '-' ? IDENT_HYPHEN : IDENT_FAIL;
    case IDENT_HYPHEN:
      return (is_lower(c) || is_digit(c)) ? IDENT_PART : IDENT_FAIL;
    default:
      return IDENT_FAIL;
  }
}

// The clause part of a reference: ASCII letters and digits in parts joined by `.` or `-`.
enum ClauseState { CLAUSE_START, CLAUSE_PART, CLAUSE_FAIL };

static enum ClauseState clause_step(enum ClauseState s, int32_t c) {
  if (s == CLAUSE_FAIL) return CLAUSE_FAIL;
  if (is_ascii_alnum(c)) return CLAUSE_PART;
  if ((c == '.' || c == '-') && s == CLAUSE_PART) return CLAUSE_START;
  return CLAUSE_FAIL;
}

typedef struct {
  uint32_t length;
  char text[LONGEST_KEYWORD + 1];
  bool ascii;
  enum IdentState ident;       // the whole word as an identifier
  bool int_ok;                 // `-?[0-9]+`
  bool date_ok;                // `[0-9]{4}-[0-9]{2}-[0-9]{2}`
  bool colon;                  // a `:` was seen
  enum IdentState standard;    // before the first `:`
  enum ClauseState clause;     // after the first `:`
} Word;

static void word_push(Word *w, int32_t c) {
  uint32_t i = w->length++;
  if (i < LONGEST_KEYWORD) w->text[i] = (char)c;
  if (c >= 0x80) {
    w->ascii = false;
    return;
  }
  w->ident = ident_step(w->ident, c);
  w->int_ok = w->int_ok && (is_digit(c) || (i == 0 && c == '-'));
  w->date_ok = w->date_ok && i < 10 && ((i == 4 || i == 7) ? c == '-' : is_digit(c));
  if (w->colon) {
    w->clause = clause_step(w->clause, c);
  } else if (c == ':') {
    w->colon = true;
  } else {
    w->standard = ident_step(w->standard, c);
  }
}

enum WordKind { WORD_KEYWORD, WORD_INDUSTRY, WORD_IDENT, WORD_OTHER_VALID, WORD_INVALID };

static enum WordKind classify(const Word *w) {
  if (!w->ascii || w->length == 0) return WORD_INVALID;
  if (w->length <= LONGEST_KEYWORD) {
    for (unsigned k = 0; k < KEYWORD_COUNT; k++) {
      if (strlen(KEYWORDS[k]) == w->length && memcmp(KEYWORDS[k], w->text, w->length) == 0) {
        return strcmp(KEYWORDS[k], "industry") == 0 ? WORD_INDUSTRY : WORD_KEYWORD;
      }
    }
  }
  if (w->ident == IDENT_PART) return WORD_IDENT;
  bool int_ok = w->int_ok && !(w->length == 1 && w->text[0] == '-');
  bool date_ok = w->date_ok && w->length == 10;
  bool clause_ok = w->colon && w->standard == IDENT_PART && w->clause == CLAUSE_PART;
  return (int_ok || date_ok || clause_ok) ? WORD_OTHER_VALID : WORD_INVALID;
}

void *tree_sitter_smm_external_scanner_create(void) { return NULL; }
void tree_sitter_smm_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_smm_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_smm_external_scanner_deserialize(void *payload, const char *buffer,
                                                  unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

bool tree_sitter_smm_external_scanner_scan(void *payload, TSLexer *lexer,
                                           const bool *valid_symbols) {
  (void)payload;
  bool recovering = valid_symbols[ERROR_SENTINEL];

  // The scanner runs right after the previous token (a comment included), so a line break in
  // the blanks before the word means the word starts a line. At the start of the file nothing
  // that depends on it is valid, so the start of the file need not count.
  bool line_start = false;
  while (is_space(lexer->lookahead) && !lexer->eof(lexer)) {
    if (is_break(lexer->lookahead)) line_start = true;
    lexer->advance(lexer, true);
  }
  if (lexer->eof(lexer) || !is_word_char(lexer->lookahead)) return false;

  Word word = {.ascii = true, .ident = IDENT_START, .int_ok = true, .date_ok = true,
               .standard = IDENT_START, .clause = CLAUSE_START};
  for (;;) {
    lexer->mark_end(lexer);
    int32_t c = lexer->lookahead;
    if (lexer->eof(lexer) || !is_word_char(c)) break;
    lexer->advance(lexer, false);
    // `//` and `/*` end a word and start a comment; the `/` is not part of the word.
    if (c == '/' && (lexer->lookahead == '/' || lexer->lookahead == '*')) break;
    word_push(&word, c);
  }
  if (word.length == 0) return false;  // a comment

  switch (classify(&word)) {
    case WORD_INVALID:
      lexer->result_symbol = INVALID_WORD;
      return true;
    case WORD_IDENT:
      if (line_start) {
        lexer->result_symbol = INVALID_WORD;
        return true;
      }
      return false;
    case WORD_INDUSTRY:
      if (!line_start && !recovering && valid_symbols[INDUSTRY_NAME]) {
        lexer->result_symbol = INDUSTRY_NAME;
        return true;
      }
      return false;
    default:
      return false;
  }
}

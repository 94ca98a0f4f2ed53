#!/usr/bin/env bash
# The shell behind the GitHub Action (action.yml at the repository root): every command the
# action runs is here, so that tests/pipelines runs the very same commands locally.
#
#   smm-ci.sh cache-key   print `key=` and `dir=` lines for $GITHUB_OUTPUT: where the installed smm
#                         is cached, and a key that changes with the sources it is built from
#   smm-ci.sh install     make `smm` available to the next steps: build it from the action's own
#                         sources with `cargo install --locked` into the cache folder (skipped when
#                         the cache already holds it) and add that folder to $GITHUB_PATH; with
#                         SMM_INSTALL=none, only check that `smm` is on PATH
#   smm-ci.sh check       run `smm check` with annotations and the job summary (--format github),
#                         SARIF and JUnit reports; exits with smm's status (0 clean, 1 findings at
#                         or above fail-on, 2 usage or input error) after writing `exit-code=`,
#                         `sarif=` and `junit=` (absolute paths of the reports written) to
#                         $GITHUB_OUTPUT
#
# Environment (action.yml sets it from its inputs):
#   SMM_SOURCE   the smm source tree to build (the action's folder, $GITHUB_ACTION_PATH)
#   SMM_INSTALL  `cargo` (default) or `none`
#   SMM_CACHE    the folder that holds the installed smm (default $RUNNER_TEMP/smm)
#   SMM_PATHS    files or folders to check, separated by whitespace (default `.`)
#   SMM_FAIL_ON  error, warning, info or never; empty: smm.toml's fail-on, else error
#   SMM_SARIF    where to write SARIF (empty: none); SMM_JUNIT likewise for JUnit XML
#   SMM_ARGS     more arguments for `smm check`, separated by whitespace (say `--as-of 2027-01-31`)
set -euo pipefail

output() { # output NAME VALUE: a step output, or standard output outside GitHub Actions
  if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  else
    printf '%s=%s\n' "$1" "$2"
  fi
}

cache_dir() {
  printf '%s\n' "${SMM_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/smm}"
}

source_dir() {
  local source=${SMM_SOURCE:-${GITHUB_ACTION_PATH:-}}
  if [[ -z $source || ! -f $source/crates/smm-cli/Cargo.toml ]]; then
    echo "smm-ci: SMM_SOURCE (or GITHUB_ACTION_PATH) must name the smm source tree" >&2
    exit 2
  fi
  printf '%s\n' "$source"
}

cache_key() {
  if [[ ${SMM_INSTALL:-cargo} == none ]]; then
    output key ""
    output dir ""
    return
  fi
  local source hash sha=(sha256sum)
  command -v sha256sum >/dev/null || sha=(shasum -a 256) # macOS
  source=$(source_dir)
  # Everything the binary is built from: a moved tag or a new commit with the same sources
  # reuses the cache, and any change to them builds again.
  hash=$(cd "$source" && find Cargo.toml Cargo.lock crates -type f -print0 |
    LC_ALL=C sort -z | xargs -0 "${sha[@]}" | "${sha[@]}" | cut -c1-20)
  output key "smm-${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}-$hash"
  output dir "$(cache_dir)"
}

install() {
  local root
  case ${SMM_INSTALL:-cargo} in
    none)
      if ! command -v smm >/dev/null; then
        echo "::error title=smm not found::install: none was given, but smm is not on PATH" >&2
        exit 2
      fi
      ;;
    cargo)
      root=$(cache_dir)
      if "$root/bin/smm" --version >/dev/null 2>&1; then
        echo "smm-ci: using the cached $("$root/bin/smm" --version)"
      else
        cargo install --locked --root "$root" --target-dir "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/smm-target" \
          --path "$(source_dir)/crates/smm-cli"
      fi
      if [[ -n ${GITHUB_PATH:-} ]]; then
        printf '%s\n' "$root/bin" >>"$GITHUB_PATH"
      fi
      ;;
    *)
      echo "::error title=smm::install must be cargo or none, not ${SMM_INSTALL}" >&2
      exit 2
      ;;
  esac
}

absolute() {
  if [[ $1 == /* ]]; then printf '%s\n' "$1"; else printf '%s\n' "$PWD/$1"; fi
}

check() {
  local -a paths=() extra=() args=(check --format github)
  read -r -d '' -a paths <<<"${SMM_PATHS:-.}" || true
  read -r -d '' -a extra <<<"${SMM_ARGS:-}" || true
  ((${#paths[@]})) || paths=(.)
  if [[ -n ${SMM_SARIF:-} ]]; then
    rm -f -- "$SMM_SARIF"
    args+=(--output "sarif=$SMM_SARIF")
  fi
  if [[ -n ${SMM_JUNIT:-} ]]; then
    rm -f -- "$SMM_JUNIT"
    args+=(--output "junit=$SMM_JUNIT")
  fi
  if [[ -n ${SMM_FAIL_ON:-} ]]; then
    args+=(--fail-on "$SMM_FAIL_ON")
  fi
  local status=0
  smm "${args[@]}" "${extra[@]}" -- "${paths[@]}" || status=$?
  output exit-code "$status"
  # Reports are named only when written, so that a later step uploads nothing stale or missing.
  if [[ -n ${SMM_SARIF:-} && -s $SMM_SARIF ]]; then
    output sarif "$(absolute "$SMM_SARIF")"
  fi
  if [[ -n ${SMM_JUNIT:-} && -s $SMM_JUNIT ]]; then
    output junit "$(absolute "$SMM_JUNIT")"
  fi
  return "$status"
}

case ${1:-} in
  cache-key) cache_key ;;
  install) install ;;
  check) check ;;
  *)
    echo "usage: smm-ci.sh cache-key|install|check" >&2
    exit 2
    ;;
esac

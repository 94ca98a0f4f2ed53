-- The Neovim plugin in editors/nvim, end to end, in Neovim with no other configuration
-- (tests/nvim/run starts `nvim --headless --clean` with the plugin on the runtimepath and `smm`
-- on PATH). Nothing here starts a client or calls setup() before the server is running: the
-- plugin must do it on its own when an .smm file is opened. Checked, in order:
--   filetype, commentstring, indentation, syntax groups of the assessment;
--   the client attaches by itself, with `smm lsp` from PATH and the workspace root;
--   diagnostics arrive (an unknown practice, an unmet target), at the right UTF-16 columns,
--   also after an edit (an incremental change);
--   hover names 62443 clauses; goto definition of the profile opens the profile's file (a
--   percent-encoded, non-ASCII path); every file of the workspace shares one client, a file
--   outside it gets its own; a binary that cannot be run gives one warning, not one per buffer;
--   nvim-treesitter, where installed, learns the parser; the servers exit when the clients stop.
-- Exits 0 on success; on failure prints why and exits 1. WORKSPACE, LOOSE and NOSERVER come
-- from the environment.

local root = os.getenv("WORKSPACE")
local loose_dir = os.getenv("LOOSE")
local noserver_dir = os.getenv("NOSERVER")
local plant = root .. "/plant.smm"
local base = root .. "/base.smm"

local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients

-- The smm clients attached to a buffer.
local function smm_clients(bufnr)
  local list = {}
  local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr })
    or vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
  for _, client in ipairs(attached) do
    if client.name == "smm" then
      list[#list + 1] = client
    end
  end
  return list
end

local function stop_all(force)
  for _, client in ipairs(get_clients()) do
    vim.lsp.stop_client(client.id, force)
  end
  return vim.wait(10000, function()
    return #get_clients() == 0
  end, 50)
end

local function check(condition, message, ...)
  if not condition then
    error(message:format(...), 0)
  end
end

local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

-- Waits for the buffer's one smm client and returns it.
local function attached_client(bufnr, what)
  local ok = vim.wait(15000, function()
    return #smm_clients(bufnr) > 0
  end, 20)
  check(ok, "no smm client attached to %s", what)
  local list = smm_clients(bufnr)
  check(#list == 1, "%d smm clients attached to %s", #list, what)
  return list[1]
end

local function syntax_at(lnum, text)
  local col = vim.fn.getline(lnum):find(text, 1, true)
  check(col, "line %d has no %q", lnum, text)
  local group = vim.fn.synIDattr(vim.fn.synID(lnum, col, 1), "name")
  -- The group it links to by default, from `:highlight smmKeyword` ("... links to Keyword").
  local linked = group ~= "" and vim.fn.execute("highlight " .. group):match("links to (%w+)")
  return group, linked
end

local function hover_text(bufnr, position)
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = position,
  }, 10000)
  local text = ""
  for _, response in pairs(responses or {}) do
    if response.result and response.result.contents then
      text = text .. (response.result.contents.value or vim.inspect(response.result.contents))
    end
  end
  return text
end

local function run()
  -- The assessment, as the plugin sets it up: filetype, options, indentation and syntax.
  local plant_buf = open(plant)
  check(vim.bo.filetype == "smm", "filetype of plant.smm is %q", vim.bo.filetype)
  check(vim.bo.commentstring == "// %s", "commentstring is %q", vim.bo.commentstring)
  check(vim.bo.shiftwidth == 2 and vim.bo.expandtab, "shiftwidth %d, expandtab %s", vim.bo.shiftwidth,
    tostring(vim.bo.expandtab))
  check(vim.bo.indentexpr == "GetSmmIndent()", "indentexpr is %q", vim.bo.indentexpr)
  check(vim.b.undo_ftplugin ~= nil, "no b:undo_ftplugin")

  -- A new line after `{` is indented by 2 more; a `}` typed on a new line goes back by 2.
  local function indent_after(lnum, keys)
    vim.api.nvim_win_set_cursor(0, { lnum, 0 })
    vim.cmd("normal! " .. keys)
    local indent = vim.fn.indent(lnum + 1)
    vim.cmd("silent normal! u")
    return indent
  end
  local indent = indent_after(1, "ox")
  check(indent == 2, "a line opened below `assessment ... {` is indented by %d", indent)
  indent = indent_after(5, "ox")
  check(indent == 4, "a line opened below `  practice ... {` is indented by %d", indent)
  indent = indent_after(6, "o}")
  check(indent == 2, "a `}` typed below `    evidence ...` is indented by %d", indent)
  check(not vim.bo.modified, "the buffer is still modified after undoing the indentation checks")

  local expected_syntax = {
    { 1, "assessment", "smmKeyword", "Keyword" },
    { 1, "plant", "smmName", "Function" },
    { 1, '"Werk', "smmString", "String" },
    { 2, "base", "smmIdentifier", "Identifier" },
    { 3, "2026-11-10", "smmDate", "Constant" },
    { 4, "//", "smmLineComment", "Comment" },
    { 5, "practice", "smmKeyword", "Keyword" },
    { 5, "level", "smmModifier", "Keyword" },
    { 5, "2 scope", "smmNumber", "Number" },
    { 5, "industry", "smmIdentifier", "Identifier" }, -- `scope industry`: the scope name (2.5)
    { 6, "evidence", "smmKeyword", "Keyword" },
    { 6, "implements", "smmModifier", "Keyword" },
    { 6, "iec62443-3-3:SR2.1", "smmClause", "Special" },
    { 8, "/*", "smmBlockComment", "Comment" },
    { 9, "}", "smmBrace", "Delimiter" },
  }
  for _, case in ipairs(expected_syntax) do
    local group, linked = syntax_at(case[1], case[2])
    check(group == case[3] and linked == case[4], "syntax of %q on line %d: %s (%s), expected %s (%s)",
      case[2], case[1], group, linked, case[3], case[4])
  end

  -- The server starts by itself: `smm lsp` from PATH, rooted at the folder of smm.toml.
  local client = attached_client(plant_buf, "plant.smm")
  check(client.config.cmd[1] == "smm" and client.config.cmd[2] == "lsp", "the client runs %s",
    table.concat(client.config.cmd, " "))
  check(client.config.root_dir == root, "the client's root is %s", tostring(client.config.root_dir))

  -- Diagnostics, at UTF-16 columns converted to bytes: line 8 holds `/* ß ℝ 💣 */` before
  -- the unknown practice, which is 5 bytes more than UTF-16 code units.
  local function diagnostics_by_code()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(plant_buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      found[tostring(code)] = d
    end
    return found
  end
  vim.wait(20000, function()
    local found = diagnostics_by_code()
    return found["check::unknown-practice"] ~= nil and found["check::unmet-target"] ~= nil
  end, 50)
  local found = diagnostics_by_code()
  check(found["check::unknown-practice"], "no check::unknown-practice among the diagnostics: %s",
    table.concat(vim.tbl_keys(found), ", "))
  check(found["check::unmet-target"], "no check::unmet-target among the diagnostics: %s",
    table.concat(vim.tbl_keys(found), ", "))
  local unknown = found["check::unknown-practice"]
  local column = vim.fn.getline(8):find("no-such-practice", 1, true) - 1
  check(unknown.lnum == 7 and unknown.col == column, "check::unknown-practice at %d:%d, expected 7:%d",
    unknown.lnum, unknown.col, column)

  -- An edit in the middle of line 8, after its non-ASCII comment: Neovim sends it as an
  -- incremental change in UTF-16, and the new name is reported at the same column.
  local old, new = "no-such-practice", "still-no-practice"
  vim.api.nvim_buf_set_text(plant_buf, 7, column, 7, column + #old, { new })
  local edited = vim.wait(20000, function()
    local d = diagnostics_by_code()["check::unknown-practice"]
    return d ~= nil and d.message:find(new, 1, true) ~= nil
  end, 50)
  unknown = diagnostics_by_code()["check::unknown-practice"]
  check(edited, "after an edit, no diagnostic names %s: %s", new, vim.inspect(unknown))
  check(unknown.lnum == 7 and unknown.col == column, "after the edit, check::unknown-practice at %d:%d, expected 7:%d",
    unknown.lnum, unknown.col, column)
  vim.api.nvim_buf_set_text(plant_buf, 7, column, 7, column + #new, { old })
  vim.bo[plant_buf].modified = false

  -- Hover on the practice of line 5 lists the 62443 clauses still to implement.
  local text = hover_text(plant_buf, { line = 4, character = 14 })
  check(text:find("iec62443%-3%-3:SR2%.1%-RE1"), "the hover of the practice names no 62443 clause: %s", text)
  -- Hover at the cursor (a position Neovim converts to UTF-16) on the first character of the
  -- clause after `"Prüfung" `, then on the blank before it: one byte apart, as `ü` is two bytes
  -- and one UTF-16 code unit, so a byte column would hit the clause from the blank.
  local clause_col = vim.fn.getline(6):find("iec62443-3-3:SR2.1", 1, true) - 1
  vim.api.nvim_win_set_cursor(0, { 6, clause_col })
  text = hover_text(plant_buf, vim.lsp.util.make_position_params(0, client.offset_encoding).position)
  check(text:find("iec62443-3-3:SR2.1", 1, true), "the hover of the clause names no 62443 clause: %s", text)
  vim.api.nvim_win_set_cursor(0, { 6, clause_col - 1 })
  text = hover_text(plant_buf, vim.lsp.util.make_position_params(0, client.offset_encoding).position)
  check(not text:find("iec62443", 1, true), "a hover on the blank before the clause: %s", text)

  -- Goto definition of the profile (cursor on `base` in `profile base`) opens base.smm.
  vim.api.nvim_win_set_cursor(0, { 2, vim.fn.getline(2):find("base", 1, true) - 1 })
  vim.lsp.buf.definition()
  local jumped = vim.wait(10000, function()
    return vim.api.nvim_buf_get_name(0) == base
  end, 20)
  check(jumped, "goto definition of the profile led to %s", vim.api.nvim_buf_get_name(0))
  local cursor = vim.api.nvim_win_get_cursor(0)
  check(cursor[1] == 1 and cursor[2] == 8, "goto definition put the cursor at %d:%d, expected 1:8", cursor[1],
    cursor[2])

  -- The profile, and a file in a subfolder of the workspace, share the client of the assessment.
  local base_buf = vim.api.nvim_get_current_buf()
  check(vim.bo[base_buf].filetype == "smm", "filetype of base.smm is %q", vim.bo[base_buf].filetype)
  check(attached_client(base_buf, "base.smm").id == client.id, "base.smm got a client of its own")
  local extra_buf = open(root .. "/Unterordner ä/extra.smm")
  -- `industry` starting a statement is the keyword (in `scope industry` above it is a value).
  local group = syntax_at(2, "industry")
  check(group == "smmKeyword", "syntax of `industry` starting a statement: %s", group)
  check(attached_client(extra_buf, "Unterordner ä/extra.smm").id == client.id,
    "a file in a subfolder got a client of its own")
  check(#get_clients() == 1, "%d clients for one workspace", #get_clients())
  check(vim.tbl_count(require("smm").clients()) == 1, "the plugin lists %d clients",
    vim.tbl_count(require("smm").clients()))

  -- A file outside the workspace gets a client of its own, rooted at its folder.
  local loose_buf = open(loose_dir .. "/loose.smm")
  local loose = attached_client(loose_buf, "loose.smm")
  check(loose.id ~= client.id, "a file outside the workspace shares the workspace's client")
  check(loose.config.root_dir == loose_dir, "the loose file's root is %s", tostring(loose.config.root_dir))
  check(#get_clients() == 2, "%d clients for two roots", #get_clients())

  -- setup() overrides the command; one that cannot be run gives one warning for two buffers.
  local warnings = {}
  vim.notify = function(message, level)
    warnings[#warnings + 1] = { message = message, level = level }
  end
  require("smm").setup({ cmd = { "smm-not-installed", "lsp" } })
  local a = open(noserver_dir .. "/a.smm")
  vim.wait(200, function()
    return false
  end, 10)
  local b = open(noserver_dir .. "/b.smm")
  vim.wait(200, function()
    return false
  end, 10)
  check(#warnings == 1, "%d warnings for a server that cannot be run: %s", #warnings, vim.inspect(warnings))
  check(warnings[1].level == vim.log.levels.WARN, "the warning has level %s", tostring(warnings[1].level))
  check(warnings[1].message:find("cargo install --path crates/smm-cli", 1, true),
    "the warning gives no install hint: %s", warnings[1].message)
  check(#smm_clients(a) == 0 and #smm_clients(b) == 0, "a client attached without a server")
  check(#get_clients() == 2, "%d clients after the failed starts", #get_clients())

  -- With nvim-treesitter installed (here stand-ins for its `master` and `main` APIs), the
  -- parser is registered; without it (the whole run above), nothing happens.
  local legacy = {}
  package.loaded["nvim-treesitter.parsers"] = {
    get_parser_configs = function()
      return legacy
    end,
  }
  require("smm").register_treesitter()
  local info = legacy.smm and legacy.smm.install_info or {}
  check(legacy.smm and legacy.smm.filetype == "smm" and info.location == "grammar/tree-sitter-smm"
    and vim.tbl_contains(info.files or {}, "src/parser.c") and type(info.url) == "string",
    "parser config for nvim-treesitter master: %s", vim.inspect(legacy))
  local main = {}
  package.loaded["nvim-treesitter.parsers"] = main
  require("smm").register_treesitter()
  check(main.smm and main.smm.install_info and (main.smm.install_info.url or main.smm.install_info.path),
    "parser config for nvim-treesitter main: %s", vim.inspect(main))
  package.loaded["nvim-treesitter.parsers"] = nil

  -- Stopping the clients ends the servers.
  require("smm").stop()
  check(stop_all(false), "the servers did not exit after their clients stopped")
end

local ok, message = xpcall(run, debug.traceback)
if ok then
  vim.cmd("qall!")
else
  io.stderr:write("nvim test: " .. tostring(message) .. "\n")
  stop_all(true)
  vim.cmd("cquit 1")
end

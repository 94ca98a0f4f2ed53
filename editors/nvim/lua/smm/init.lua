-- The smm language server (`smm lsp`) for .smm buffers, with nothing else installed.
--
-- plugin/smm.lua calls `M.on_filetype` on every `FileType smm`, so the server starts with the
-- defaults below even if `setup` is never called; `setup` only overrides them. There is one
-- client per workspace root (the nearest ancestor folder holding `smm.toml`, else the file's
-- folder), shared by every buffer under that root.
--
-- Works on Neovim 0.7 (`vim.lsp.start_client` + `vim.lsp.buf_attach_client`) and uses
-- `vim.lsp.start` where it exists (0.8+); every newer API is feature-detected.

local M = {}

local INSTALL_HINT = "install it with `cargo install --path crates/smm-cli` (or `scripts/install`)"
  .. " from the smm repository, or set its path with require('smm').setup({ cmd = { '/path/to/smm', 'lsp' } })"

local defaults = {
  -- The server command; the binary is looked up on PATH.
  cmd = { "smm", "lsp" },
  -- Start the server when a .smm buffer is opened. With `false`, use :SmmStart (or
  -- require('smm').start()) by hand, or another client configuration (nvim-lspconfig,
  -- vim.lsp.config) instead.
  autostart = true,
  -- Sent to the server as `workspace/didChangeConfiguration` and in answer to
  -- `workspace/configuration`.
  settings = {},
  init_options = nil,
  -- Client capabilities, merged over Neovim's own (for example those of a completion plugin).
  capabilities = nil,
  -- function(client, bufnr), called for every buffer the client attaches to.
  on_attach = nil,
  -- Files whose folder is a workspace root.
  root_markers = { "smm.toml" },
  -- Register the tree-sitter parser with nvim-treesitter where it is installed (see
  -- :help smm-treesitter); the `url` defaults to the repository this plugin lives in.
  treesitter = { enable = true, url = nil, revision = nil },
}

local config = vim.deepcopy(defaults)

-- root folder -> client id, for the clients this module started.
local clients = {}
-- commands already warned about, so a missing binary is reported once, not per buffer.
local warned = {}

local uv = vim.uv or vim.loop

local function exists(path)
  return uv.fs_stat(path) ~= nil
end

local function notify(message, level)
  vim.notify("smm: " .. message, level or vim.log.levels.WARN)
end

--- The workspace root of a file: the nearest ancestor folder holding one of the root markers
--- (`smm.toml`), else the file's own folder.
function M.root_dir(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local current = dir
  while current and current ~= "" do
    for _, marker in ipairs(config.root_markers) do
      if exists(current .. "/" .. marker) then
        return current
      end
    end
    local parent = vim.fn.fnamemodify(current, ":h")
    if parent == current then
      break
    end
    current = parent
  end
  return dir
end

local function stopped(client)
  -- A method on 0.10+ (client:is_stopped()), a closure that ignores its arguments on 0.7.
  return type(client.is_stopped) == "function" and client.is_stopped(client)
end

local function get_client(id)
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or stopped(client) then
    return nil
  end
  return client
end

-- Clients attached to a buffer, on 0.7 (buf_get_clients) as on 0.10+ (get_clients).
local function buffer_clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  local list = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    list[#list + 1] = client
  end
  return list
end

local function executable(cmd)
  return vim.fn.executable(cmd[1]) == 1
end

local function client_config(root)
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  if config.capabilities then
    capabilities = vim.tbl_deep_extend("force", capabilities, config.capabilities)
  end
  local folder = { uri = vim.uri_from_fname(root), name = root }
  return {
    name = "smm",
    cmd = config.cmd,
    root_dir = root,
    workspace_folders = { folder },
    settings = config.settings,
    init_options = config.init_options,
    capabilities = capabilities,
    on_attach = config.on_attach,
  }
end

local function attachable(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= "" then
    return false
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  -- Unnamed buffers and buffers of other schemes (fugitive://, oil://, ...) have no file.
  return name ~= "" and not name:match("^%a[%w+.-]*://")
end

--- Attach the smm client of the buffer's workspace root to the buffer, starting it if need be.
--- Returns the client id, or nil.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not attachable(bufnr) then
    return nil
  end
  -- Already served by an smm client (ours, or one from nvim-lspconfig or vim.lsp.config).
  for _, client in ipairs(buffer_clients(bufnr)) do
    if client.name == "smm" and not stopped(client) then
      return client.id
    end
  end
  if not executable(config.cmd) then
    local key = table.concat(config.cmd, " ")
    if not warned[key] then
      warned[key] = true
      notify(("cannot run `%s`: %s"):format(config.cmd[1], INSTALL_HINT))
    end
    return nil
  end

  local root = M.root_dir(vim.api.nvim_buf_get_name(bufnr))
  local client = get_client(clients[root])
  if client then
    vim.lsp.buf_attach_client(bufnr, client.id)
    return client.id
  end

  local id
  if vim.lsp.start then
    -- 0.8+: vim.lsp.start reuses a client of the same name and root itself. Before 0.10 it
    -- attaches the current buffer, so make the buffer current while it runs.
    vim.api.nvim_buf_call(bufnr, function()
      id = vim.lsp.start(client_config(root), { bufnr = bufnr })
    end)
  else
    id = vim.lsp.start_client(client_config(root))
    if id then
      vim.lsp.buf_attach_client(bufnr, id)
    end
  end
  if id then
    clients[root] = id
  end
  return id
end

--- Stop the clients this module started (all of them, or the one of a buffer's root).
function M.stop(bufnr)
  if bufnr then
    local name = vim.api.nvim_buf_get_name(bufnr == 0 and vim.api.nvim_get_current_buf() or bufnr)
    local root = M.root_dir(name)
    if get_client(clients[root]) then
      vim.lsp.stop_client(clients[root])
    end
    clients[root] = nil
    return
  end
  for root, id in pairs(clients) do
    if get_client(id) then
      vim.lsp.stop_client(id)
    end
    clients[root] = nil
  end
end

--- The ids of the running clients this module started, by root folder.
function M.clients()
  local running = {}
  for root, id in pairs(clients) do
    if get_client(id) then
      running[root] = id
    end
  end
  return running
end

local registered = false

--- Called by plugin/smm.lua on `FileType smm`.
function M.on_filetype(bufnr)
  if not registered then
    registered = true
    M.register_treesitter()
  end
  if not config.autostart then
    return
  end
  -- Deferred, so that clients set up by other means on the same event (nvim-lspconfig,
  -- vim.lsp.enable) attach first and are reused instead of a second server being started.
  vim.schedule(function()
    if vim.api.nvim_buf_is_valid(bufnr) and vim.bo[bufnr].filetype == "smm" then
      M.start(bufnr)
    end
  end)
end

-- The folder of this repository, if the plugin is used from a checkout (editors/nvim).
local function repository_dir()
  local source = debug.getinfo(1, "S").source:gsub("^@", "")
  local repo = vim.fn.fnamemodify(source, ":p:h:h:h:h:h")
  if exists(repo .. "/grammar/tree-sitter-smm/grammar.js") then
    return repo
  end
  return nil
end

--- Register the tree-sitter parser with nvim-treesitter, if it is installed (no-op otherwise).
function M.register_treesitter()
  local ts = config.treesitter
  if not ts or ts.enable == false then
    return
  end
  local ok, parsers = pcall(require, "nvim-treesitter.parsers")
  if not ok or type(parsers) ~= "table" then
    return
  end
  -- The project has no public home yet: without a checkout (or `treesitter.url`) there is
  -- nothing to build the parser from, so nothing is registered.
  local url = ts.url or repository_dir()
  if not url then
    return
  end
  pcall(function()
    if type(parsers.get_parser_configs) == "function" then
      -- nvim-treesitter `master` (Neovim 0.9 to 0.11): a local folder works as url too.
      parsers.get_parser_configs().smm = {
        install_info = {
          url = url,
          -- The grammar has an external scanner (grammar/tree-sitter-smm/src/scanner.c).
          files = { "src/parser.c", "src/scanner.c" },
          location = "grammar/tree-sitter-smm",
          revision = ts.revision,
          requires_generate_from_grammar = false,
        },
        filetype = "smm",
      }
    else
      -- nvim-treesitter `main` (0.12+): parsers are a table, filled again on `User TSUpdate`.
      local info = { location = "grammar/tree-sitter-smm", revision = ts.revision }
      if url == local_dir then
        info.path = local_dir .. "/grammar/tree-sitter-smm"
        info.location = nil
      else
        info.url = url
      end
      parsers.smm = { install_info = info }
    end
  end)
end

--- Override the defaults. Every key is optional:
---   cmd          = { 'smm', 'lsp' }   the server command (a path to the binary works)
---   autostart    = true               start on `FileType smm`
---   settings     = {}                 server settings
---   init_options = nil
---   capabilities = nil                merged over vim.lsp.protocol.make_client_capabilities()
---   on_attach    = nil                function(client, bufnr)
---   root_markers = { 'smm.toml' }
---   treesitter   = { enable = true, url = nil, revision = nil }
function M.setup(opts)
  opts = opts or {}
  local types = {
    cmd = "table",
    autostart = "boolean",
    settings = "table",
    init_options = "table",
    capabilities = "table",
    on_attach = "function",
    root_markers = "table",
    treesitter = "table or boolean",
  }
  for key, value in pairs(opts) do
    local expected = types[key]
    if not expected then
      error(("smm.setup: unknown option `%s`"):format(key), 2)
    elseif not expected:find(type(value), 1, true) then
      error(("smm.setup: `%s` should be a %s, not a %s"):format(key, expected, type(value)), 2)
    end
  end
  if type(opts.treesitter) == "boolean" then
    opts = vim.tbl_extend("force", opts, { treesitter = { enable = opts.treesitter } })
  end
  config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts)
  -- Lists replace the defaults rather than merge with them by index.
  if opts.cmd then
    config.cmd = opts.cmd
  end
  if opts.root_markers then
    config.root_markers = opts.root_markers
  end
  M.register_treesitter()
  if config.autostart then
    -- Buffers opened before setup() was called (for example by a lazy-loading plugin manager).
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "smm" then
        M.on_filetype(bufnr)
      end
    end
  end
end

--- The configuration in force (a copy).
function M.config()
  return vim.deepcopy(config)
end

return M

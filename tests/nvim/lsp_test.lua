-- Neovim 0.7 as a real client of `smm lsp`: open an assessment, wait for its diagnostics, ask
-- for a hover on a practice and check that it names a 62443 clause, then go to the definition
-- of its profile in the other file. Exits 0 on success; on
-- failure prints why and exits 1. SMM_BIN and WORKSPACE come from the environment.

local smm = os.getenv("SMM_BIN")
local root = os.getenv("WORKSPACE")
local file = root .. "/plant.smm"

local function fail(message)
  io.stderr:write("nvim test: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local client_id = vim.lsp.start_client({
  cmd = { smm, "lsp" },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = "w" } },
})
if not client_id then
  fail("the server did not start")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buffer = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buffer, client_id)

local got_diagnostics = vim.wait(20000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
if not got_diagnostics then
  fail("no diagnostics arrived")
end
local codes = {}
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  codes[#codes + 1] = tostring(code)
end
if not vim.tbl_contains(codes, "check::unmet-target") then
  fail("expected check::unmet-target, got " .. table.concat(codes, ", "))
end

-- Line 5 (0-based 4) is `  practice access-control level 2 ...`: hover on the practice.
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  position = { line = 4, character = 14 },
}
local responses = vim.lsp.buf_request_sync(buffer, "textDocument/hover", params, 10000)
local text = ""
for _, response in pairs(responses or {}) do
  if response.result and response.result.contents then
    text = text .. response.result.contents.value
  end
end
if not text:find("iec62443%-3%-3:SR2%.1%-RE1") then
  fail("the hover names no 62443 clause: " .. text)
end

-- Line 2 (0-based 1) is `  profile base`: its definition is in base.smm.
local responses = vim.lsp.buf_request_sync(buffer, "textDocument/definition", {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  position = { line = 1, character = 11 },
}, 10000)
local target = nil
for _, response in pairs(responses or {}) do
  for _, location in ipairs(response.result or {}) do
    target = location.uri
  end
end
if not target or vim.uri_to_fname(target) ~= root .. "/base.smm" then
  fail("goto definition of the profile led to " .. tostring(target))
end

vim.lsp.stop_client(client_id)
vim.cmd("qall!")

-- Starts `smm lsp` for .smm buffers with the defaults of lua/smm/init.lua; require('smm').setup()
-- is optional and only overrides them. Neovim 0.7 or later.
if vim.g.loaded_smm then
  return
end
vim.g.loaded_smm = true

local group = vim.api.nvim_create_augroup("smm", { clear = true })

vim.api.nvim_create_autocmd("FileType", {
  group = group,
  pattern = "smm",
  desc = "Start or reuse the smm language server of the buffer's workspace",
  callback = function(args)
    require("smm").on_filetype(args.buf)
  end,
})

vim.api.nvim_create_user_command("SmmStart", function()
  require("smm").start(0)
end, { desc = "Start the smm language server for this buffer (or attach the running one)" })

vim.api.nvim_create_user_command("SmmStop", function(args)
  if args.bang then
    require("smm").stop()
  else
    require("smm").stop(0)
  end
end, { bang = true, desc = "Stop the smm language server of this buffer's workspace (! : all of them)" })

vim.api.nvim_create_user_command("SmmRestart", function()
  local smm = require("smm")
  smm.stop(0)
  -- Give the old client time to go before the new one starts.
  vim.defer_fn(function()
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "smm" then
        smm.start(bufnr)
      end
    end
  end, 500)
end, { desc = "Restart the smm language server" })

-- With nvim-treesitter installed, make `:TSInstall smm` know the parser (a no-op without it).
-- Done now only if nvim-treesitter is loaded already (so as not to load a lazily loaded
-- plugin at startup), else on the first `FileType smm` and on nvim-treesitter's `User TSUpdate`.
if package.loaded["nvim-treesitter"] or package.loaded["nvim-treesitter.parsers"] then
  require("smm").register_treesitter()
end
vim.api.nvim_create_autocmd("User", {
  group = group,
  pattern = "TSUpdate",
  callback = function()
    require("smm").register_treesitter()
  end,
})

-- Buffers that got their filetype before this file was sourced (a plugin manager that loads
-- plugins late, or :packadd) would otherwise miss the FileType event.
for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
  if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "smm" then
    require("smm").on_filetype(bufnr)
  end
end

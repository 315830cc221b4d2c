-- Drives vmap-tidy's language server from Neovim's built-in LSP client
-- (headless): opens $LSP_FILE, waits for the diagnostics, puts the cursor
-- on the first one and requests code actions as :lua
-- vim.lsp.buf.code_action() does (cursor range, the line's diagnostics as
-- context), applies the preferred action, then waits for the re-lint of the
-- edited buffer to clear the diagnostics. Writes what it saw and the
-- buffer's text to $LSP_OUT. Exits non-zero on any failure or after
-- $LSP_TIMEOUT_MS (default three minutes).
local server, file, out = os.getenv('LSP_SERVER'), os.getenv('LSP_FILE'), os.getenv('LSP_OUT')
local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '180000')

local function fail(message)
  io.stderr:write('neovim test: ' .. message .. '\n')
  vim.cmd('cquit 1')
end
vim.defer_fn(function() fail('timed out') end, timeout)

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'vmap-tidy',
  cmd = { server },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  init_options = { debounceMs = 100 },
})
if not client_id then fail('the server did not start') end
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 100) then
  fail('no diagnostics')
end
local lines = {}
local diagnostics = vim.diagnostic.get(bufnr)
for _, d in ipairs(diagnostics) do
  local lsp = d.user_data.lsp
  table.insert(lines, string.format('diagnostic %d:%d [%s] %s: %s (%d related)', d.lnum + 1,
    d.col + 1, d.source or '', lsp.code, d.message, #(lsp.relatedInformation or {})))
end

local client = vim.lsp.get_client_by_id(client_id)
vim.api.nvim_win_set_cursor(0, { diagnostics[1].lnum + 1, diagnostics[1].col })
local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
local response = client.request_sync('textDocument/codeAction', params, 60000, bufnr)
if not response or response.err then fail('codeAction failed') end
local preferred
for _, action in ipairs(response.result) do
  table.insert(lines, 'action ' .. action.kind .. ': ' .. action.title ..
    (action.isPreferred and ' (preferred)' or ''))
  if action.isPreferred then preferred = action end
end
if not preferred then fail('no preferred action') end
vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)

-- The edit reaches the server as a didChange; its lint finds nothing.
if not vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) == 0 end, 100) then
  fail('the fixed buffer still has diagnostics')
end
table.insert(lines, 'diagnostics after the fix: 0')
for _, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  table.insert(lines, 'buffer: ' .. text)
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client_id)
vim.cmd('qall!')

-- Drives vmap-tidy --lsp from Neovim's built-in LSP client (headless):
-- opens $LSP_FILE, waits for diagnostics, requests code actions on the
-- first diagnostic's line, applies the preferred one, and writes what it
-- saw and the buffer's new text to $LSP_OUT. Exits non-zero on any failure
-- or after three minutes.
local server, file, out = os.getenv('VMAP_TIDY'), os.getenv('LSP_FILE'), os.getenv('LSP_OUT')

local function fail(message)
  io.stderr:write('neovim test: ' .. message .. '\n')
  vim.cmd('cquit 1')
end
vim.defer_fn(function() fail('timed out') end, 180000)

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'vmap-tidy',
  cmd = { server, '--lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
if not client_id then fail('the server did not start') end
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(170000, function() return #vim.diagnostic.get(bufnr) > 0 end, 100) then
  fail('no diagnostics')
end
local lines = {}
local diagnostics = vim.diagnostic.get(bufnr)
for _, d in ipairs(diagnostics) do
  table.insert(lines, string.format('diagnostic %d:%d [%s] %s', d.lnum + 1, d.col + 1,
    d.source or '', d.message))
end

local client = vim.lsp.get_client_by_id(client_id)
local line = diagnostics[1].lnum
local response = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
  context = { diagnostics = {} },
}, 60000, bufnr)
if not response or response.err then fail('codeAction failed') end
local preferred
for _, action in ipairs(response.result) do
  table.insert(lines, 'action ' .. action.kind .. ': ' .. action.title ..
    (action.isPreferred and ' (preferred)' or ''))
  if action.isPreferred then preferred = action end
end
if not preferred then fail('no preferred action') end
vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
for _, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  table.insert(lines, 'buffer: ' .. text)
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client_id)
vim.cmd('qall!')

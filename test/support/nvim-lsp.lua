-- Neovim 0.7's built-in LSP client against `weld lsp`, for test/lsp-neovim.test.ts:
-- opens a WIT file, asks for a definition and a hover, opens a broken file and
-- waits for its diagnostics, writes all answers as JSON to $WELD_LSP_OUT and quits.
local out = vim.env.WELD_LSP_OUT
local answers = {}

local function run()
  local ready = false
  local client_id = vim.lsp.start_client({
    name = 'weld',
    cmd = { vim.env.WELD_NODE, vim.env.WELD_BIN, 'lsp', '--stdio' },
    root_dir = vim.env.WELD_ROOT,
    on_init = function() ready = true end,
  })
  assert(client_id, 'weld lsp did not start')
  assert(vim.wait(20000, function() return ready end, 20), 'weld lsp did not initialize')

  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.WELD_FILE))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local position = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 30, character = 32 } }
  local definition = vim.lsp.buf_request_sync(buf, 'textDocument/definition', position, 20000)
  answers.definition = definition[client_id].result
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', position, 20000)
  answers.hover = hover[client_id].result

  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.WELD_BROKEN))
  local broken = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(broken, client_id)
  assert(vim.wait(20000, function() return #vim.diagnostic.get(broken) > 0 end, 20), 'no diagnostics for the broken file')
  answers.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(broken)) do
    table.insert(answers.diagnostics, { message = d.message, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
  end
end

local ok, problem = pcall(run)
if not ok then answers.error = tostring(problem) end
vim.fn.writefile({ vim.fn.json_encode(answers) }, out)
vim.cmd('qa!')

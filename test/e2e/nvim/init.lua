-- Headless Neovim (0.7 API) as a second LSP client of the Dockerfile Slim server.
-- It opens three Dockerfiles, collects what the server sends and answers, and writes it all as JSON; the Node
-- runner (run-nvim.js) makes the assertions.
--   Dockerfile         diagnostics; the quick fix for apt-lists-left, applied; the diagnostics afterwards
--   go.Dockerfile      workspace/executeCommand dockerfileSlim.applyAllSafeFixes, the returned edit applied
--   alpine.Dockerfile  textDocument/hover on the image name of `FROM alpine:3.20`
--   Dockerfile again   workspace/executeCommand dockerfileSlim.slimDocument, its workspace/applyEdit applied
-- Env: E2E_LSP_CMD (JSON array), E2E_DIR (folder holding the three files), E2E_OUT (result file),
--      E2E_TIMEOUT_MS (per wait, default 15000).
local cmd = vim.fn.json_decode(os.getenv('E2E_LSP_CMD') or '[]')
local dir = os.getenv('E2E_DIR') or '.'
-- Without a result file there is nobody to tell: leave at once with a failure.
local out = os.getenv('E2E_OUT') or vim.cmd('cquit! 2')
local timeout = tonumber(os.getenv('E2E_TIMEOUT_MS') or '15000')

local result = { messages = {}, steps = {} }

local function finish(code)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit! ' .. code) end
end

local function fail(message)
  result.error = message
  finish(1)
end

-- The server's messages are recorded, never shown: Neovim answers window/showMessageRequest with an
-- interactive inputlist(), which would block a headless instance until it is killed.
vim.lsp.handlers['window/showMessage'] = function(_, params)
  table.insert(result.messages, { type = params.type, message = params.message })
end
vim.lsp.handlers['window/showMessageRequest'] = function(_, params)
  table.insert(result.messages, { type = params.type, message = params.message, request = true })
  return vim.NIL
end
vim.lsp.handlers['window/logMessage'] = function() end

local function lines_of(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = lsp.code, href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return tostring(a.code) < tostring(b.code)
  end)
  return list
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if ((d.user_data or {}).lsp or {}).code == code then return true end
  end
  return false
end

local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/' .. name))
  return vim.api.nvim_get_current_buf()
end

local function run()
  local client_id = vim.lsp.start_client({
    name = 'dockerfile-slim',
    cmd = cmd,
    root_dir = dir,
    on_exit = function(code, signal) result.server_exit = { code = code, signal = signal } end,
  })
  if not client_id then return fail('start_client failed') end
  local client
  if not vim.wait(timeout, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized
  end, 20) then
    return fail('the server did not answer initialize')
  end
  result.server_name = client.name
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  result.capabilities = {
    hover = caps.hoverProvider or vim.NIL,
    codeAction = caps.codeActionProvider or vim.NIL,
    executeCommand = caps.executeCommandProvider or vim.NIL,
  }
  local encoding = client.offset_encoding or 'utf-16'

  -- 1. Diagnostics, a quick fix, the diagnostics after it.
  local buf = open('Dockerfile')
  result.filetype = vim.bo[buf].filetype
  vim.lsp.buf_attach_client(buf, client_id)
  if not vim.wait(timeout, function() return has_code(buf, 'apt-lists-left') end, 20) then
    result.diagnostics = diagnostics_of(buf)
    return fail('timeout waiting for the apt-lists-left diagnostic')
  end
  result.diagnostics = diagnostics_of(buf)

  -- Neovim 0.7 keeps only the extra fields (code, data, ...) of the LSP diagnostic in user_data.lsp: the
  -- range, severity, message and source are rebuilt from its own fields (byte columns = UTF-16 here: ASCII).
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp
    if lsp and lsp.code == 'apt-lists-left' then
      target = vim.tbl_extend('force', lsp, {
        range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
        severity = d.severity,
        message = d.message,
        source = d.source,
      })
    end
  end
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = target.range,
    context = { diagnostics = { target }, only = { 'quickfix' } },
  }, timeout) or {}
  local actions = {}
  for _, r in pairs(responses) do
    if r.err then result.codeActionError = r.err end
    for _, a in ipairs(r.result or {}) do table.insert(actions, a) end
  end
  result.codeActions = {}
  for _, a in ipairs(actions) do
    table.insert(result.codeActions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred or false })
  end
  if #actions == 0 then return fail('no code action for apt-lists-left') end
  vim.lsp.util.apply_workspace_edit(actions[1].edit, encoding)
  result.afterFix = lines_of(buf)
  if not vim.wait(timeout, function() return not has_code(buf, 'apt-lists-left') end, 20) then
    result.diagnosticsAfterFix = diagnostics_of(buf)
    return fail('apt-lists-left is still reported after its fix')
  end
  result.diagnosticsAfterFix = diagnostics_of(buf)
  table.insert(result.steps, 'quickfix')

  -- 2. workspace/executeCommand: all safe fixes of go.Dockerfile as one edit.
  local go = open('go.Dockerfile')
  vim.lsp.buf_attach_client(go, client_id)
  if not vim.wait(timeout, function() return #vim.diagnostic.get(go) > 0 end, 20) then
    return fail('timeout waiting for diagnostics on go.Dockerfile')
  end
  result.goDiagnostics = diagnostics_of(go)
  local resp = client.request_sync('workspace/executeCommand', {
    command = 'dockerfileSlim.applyAllSafeFixes',
    arguments = { vim.uri_from_bufnr(go) },
  }, timeout, go)
  if not resp or resp.err or resp.result == nil or resp.result == vim.NIL then
    result.executeCommand = resp or vim.NIL
    return fail('dockerfileSlim.applyAllSafeFixes returned no edit')
  end
  vim.lsp.util.apply_workspace_edit(resp.result, encoding)
  result.goAfterFixAll = lines_of(go)
  table.insert(result.steps, 'executeCommand')

  -- 3. Hover on the image name of FROM alpine:3.20.
  local alpine = open('alpine.Dockerfile')
  vim.lsp.buf_attach_client(alpine, client_id)
  local from_line
  for i, l in ipairs(lines_of(alpine)) do
    if l == 'FROM alpine:3.20' then from_line = i - 1 end
  end
  local hovers = vim.lsp.buf_request_sync(alpine, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(alpine) },
    position = { line = from_line, character = 7 },
  }, timeout) or {}
  result.hover = vim.NIL
  for _, r in pairs(hovers) do
    if r.err then result.hoverError = r.err end
    if r.result then
      result.hover = r.result.contents
      result.hoverRange = r.result.range or vim.NIL
    end
  end
  table.insert(result.steps, 'hover')

  -- 4. "Slim this Dockerfile" on the quick-fixed Dockerfile: the server sends workspace/applyEdit, which
  -- Neovim's default handler applies. Neovim announces no change annotations, so unsafe fixes stay out.
  local slim = client.request_sync('workspace/executeCommand', {
    command = 'dockerfileSlim.slimDocument',
    arguments = { vim.uri_from_bufnr(buf) },
  }, timeout, buf)
  if not slim or slim.err then
    result.slim = slim or vim.NIL
    return fail('dockerfileSlim.slimDocument failed')
  end
  result.slim = slim.result
  result.afterSlim = lines_of(buf)
  table.insert(result.steps, 'slim')

  finish(0)
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(run)
      if not ok then fail('init.lua error: ' .. tostring(err)) end
    end)
  end,
})

#!/usr/bin/env node
'use strict';
// Starts the language server; the connection kind comes from the arguments
// (--stdio, --node-ipc, --socket=PORT), as every LSP client passes them.
require('../dist/server.cjs');

import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';

// The entry only wires the process to the server: the connection kind (--stdio,
// --node-ipc, --socket) comes from the command line, as LSP clients pass it.
startServer(createConnection(ProposedFeatures.all), { packageRoot: join(__dirname, '..') });

import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';

// V8 lets the old generation grow to about four times what survived the last full
// collection before collecting again, and each keystroke on a long document promotes a
// whole superseded analysis there: the server's peak memory was that factor times its live
// heap. Doubling instead: peak RSS on a 1 MB document after 1,000 edits 264 MB instead of
// 360-450 MB (bench memory section), for about 15% more keystroke latency on that document
// (more full collections). Set at start-up, before the heap has grown.
setFlagsFromString('--heap-growing-percent=100');

// The entry only wires the process to the server: the connection kind (--stdio,
// --node-ipc, --socket) comes from the command line, as LSP clients pass it.
startServer(createConnection(ProposedFeatures.all), { packageRoot: join(__dirname, '..') });

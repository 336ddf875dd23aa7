#!/usr/bin/env node
'use strict';
const path = require('node:path');
require('../dist/cli.cjs').runCli(path.join(__dirname, '..'));

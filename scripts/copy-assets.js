// Copies non-TypeScript assets (SQL migrations) next to the compiled code.
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
fs.cpSync(path.join(root, 'migrations'), path.join(root, 'dist', 'migrations'), { recursive: true });

// Adds lock entries for optional, platform-specific binaries (darwin, win32, other CPUs) that this machine's
// npm registry does not serve, so `npm ci` accepts the lock here. Each entry carries the os/cpu its name
// states, so npm skips it on other platforms and fetches it normally where it applies.
// Run after `npm install` changes package-lock.json: node scripts/complete-lockfile.js
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };

let added = 0;
for (const [location, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`${location}/${key}`]) continue;
    const tokens = name.split('/').pop().split('-');
    const os = tokens.find((t) => OS.includes(t));
    const cpu = tokens.map((t) => CPU[t.replace(/eabi(hf)?$/, '')]).find(Boolean);
    if (!os || !cpu) {
      console.warn(`skipped ${name}: cannot tell its platform from the name`);
      continue;
    }
    lock.packages[key] = { version, optional: true, os: [os], cpu: [cpu] };
    added += 1;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform-specific optional entries`);

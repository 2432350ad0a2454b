#!/usr/bin/env node
// The whole test suite: lint, type-check, unit/component/HTTP tests (jest), then browser tests.
// Ends with one line "N passed, N failed" that CI reads; lint and type-check count as one check each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const onlyUnit = process.argv.includes('--unit');
let passed = 0;
let failed = 0;

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    console.log(`✗ ${label} failed`);
  }
}

function jest(label, configPath) {
  const out = join(mkdtempSync(join(tmpdir(), 'jest-')), 'results.json');
  run(label, bin('jest'), ['--config', configPath, '--json', '--outputFile', out, ...process.argv.slice(2).filter((a) => a !== '--unit')]);
  if (!existsSync(out)) {
    failed += 1;
    console.log(`✗ ${label} did not report results`);
    return;
  }
  const results = JSON.parse(readFileSync(out, 'utf8'));
  passed += results.numPassedTests;
  // A suite that fails to load has no failed tests of its own; count it so it cannot pass unnoticed.
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
}

check('lint (eslint, no warnings allowed)', bin('eslint'), ['--max-warnings', '0', 'src/**/*.{ts,tsx}']);
check('type-check (tsc, sources and tests)', bin('tsc'), ['-p', 'tsconfig.test.json', '--noEmit']);
jest('unit, component and HTTP tests (jest)', join(root, 'jest.config.js'));
if (!onlyUnit && existsSync(join(root, 'jest.browser.config.js'))) {
  jest('browser tests (Chromium, axe)', join(root, 'jest.browser.config.js'));
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

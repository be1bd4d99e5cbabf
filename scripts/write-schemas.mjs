#!/usr/bin/env node
// Writes docs/schemas/<name>.schema.json, the JSON Schema of every output contract, from the zod
// schemas in src/core/contracts/ (built: run `npm run schemas`, which builds first).
// test/contracts.test.ts fails when a committed file differs from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACTS, contractJsonSchemaText } from '../dist/core/contracts/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'schemas');
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(CONTRACTS)) {
  writeFileSync(join(dir, `${name}.schema.json`), contractJsonSchemaText(name));
  console.log(`wrote docs/schemas/${name}.schema.json`);
}

/** @jest-environment ./test/helpers/onnx-jest-environment.js */
/**
 * The gateway started on a model folder a user brought (PHI_GATEWAY_MODEL_DIR): a DeBERTa-v3-style export with a
 * Metaspace/Unigram tokenizer.json and a `phi_label_map` in its config.json. `/readyz` says what the model reports
 * and which of its types it drops; redaction goes through it. Listens on 127.0.0.1 only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../../src/index';
import { capturingLogger, localGatewayEnv } from '../helpers/local-gateway';
import { editConfig } from '../helpers/tiny-bert';
import { writeTinyStyle } from '../helpers/tiny-hf-styles';

const KEY = 'acme-test-key-0123456789abcdef';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phi-byo-e2e-'));
  writeTinyStyle(dir, 'deberta', { maxLength: 16 });
  editConfig(dir, (c) => ({ ...c, phi_label_map: { ORG: null } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('loads a brought model, reports it in /readyz, and redacts with it', async () => {
  const { logger, lines } = capturingLogger();
  const gw = await startGateway(localGatewayEnv(dir, { PHI_GATEWAY_API_KEYS: `acme-clinic:${KEY}`, PHI_GATEWAY_MODEL_DIR: dir }), { logger });
  try {
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: { model: { detail: Record<string, unknown> }; detectors: { detail: { ids: string[] } } } };
    expect(body.checks.model.detail).toMatchObject({
      status: 'loaded',
      id: 'ner.tiny-deberta',
      name: 'tiny-deberta',
      version: 'test-1',
      entities: ['PERSON', 'LOCATION'],
      ignoredTypes: ['ORG'],
    });
    expect(body.checks.detectors.detail.ids).toContain('ner.tiny-deberta');

    const text = 'John Smith visited Paris and Acme Corp.';
    const r = await fetch(`${gw.url}/v1/redact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    expect(r.status).toBe(200);
    const out = ((await r.json()) as { text: string }).text;
    expect(out).not.toMatch(/John|Smith|Paris/);
    expect(out).toMatch(/^\S.* visited .* and Acme Corp\.$/); // ORG dropped by phi_label_map; no stray spaces
  } finally {
    await gw.close();
  }
  expect(lines.join('')).not.toContain('John Smith');
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config/config';

/** No Docker engine runs here: keep the image definition honest by reading it against the code. */
const REPO = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

describe('Dockerfile', () => {
  it('is multi-stage and the runtime stage runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    const users = [...runtime.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)$/);
  });

  it('has a HEALTHCHECK on /healthz, a /data volume matching PHI_GATEWAY_DATA_DIR, policies and models', () => {
    expect(runtime).toMatch(/^HEALTHCHECK[\s\S]*\/healthz/m);
    expect(runtime).toMatch(/^VOLUME \["\/data"\]/m);
    expect(runtime).toMatch(/PHI_GATEWAY_DATA_DIR=\/data/);
    expect(runtime).toMatch(/COPY --from=build \/app\/policies/);
    expect(runtime).toMatch(/COPY --from=build \/app\/models/);
    expect(runtime).toMatch(/NODE_ENV=production/);
  });

  it('runs the same entry as `npm start`, and that entry exists in the sources', () => {
    const cmd = /^CMD \["node", "([^"]+)"\]/m.exec(runtime)?.[1];
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: { start: string } };
    expect(cmd).toBe('dist/src/index.js');
    expect(pkg.scripts.start).toContain(`node ${cmd}`);
    expect(existsSync(join(REPO, 'src', 'index.ts'))).toBe(true);
  });

  it('every variable the image sets is one the config reads', () => {
    const set = [...runtime.matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=/gm)].map((m) => m[1]);
    for (const v of set) expect(CONFIG_VARIABLES).toContain(v);
  });
});

describe('README', () => {
  it('documents every variable the config reads in its configuration table', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const rows = new Set([...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
    expect(CONFIG_VARIABLES.filter((v) => !rows.has(v))).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  it('mounts the data volume and requires the secret and keys', () => {
    const compose = parse(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { volumes?: string[]; environment?: Record<string, string>; read_only?: boolean }>;
    };
    const gw = compose.services['phi-gateway'];
    expect(gw.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/:\/data$/)]));
    expect(gw.environment?.PHI_GATEWAY_SECRET).toMatch(/:\?/);
    expect(gw.environment?.PHI_GATEWAY_API_KEYS).toMatch(/:\?/);
    expect(gw.read_only).toBe(true);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig, parseTrustProxy } from './config.ts';

const cwd = mkdtempSync(path.join(tmpdir(), 'patchwerk-config-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

function writeConfigFile(name: string, content: unknown): string {
  const file = path.join(cwd, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({}, cwd);
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, path.join(cwd, 'data'));
    assert.equal(config.databaseUrl, null);
    assert.equal(config.tls, null);
    assert.equal(config.trustProxy, false);
    assert.equal(config.publicUrl, 'http://localhost:8080');
    assert.equal(config.smtpUrl, null);
    assert.deepEqual(config.egressAllowHttp, []);
  });

  it('reads PORT, HOST, the data dir and DATABASE_URL from the environment', () => {
    const config = loadConfig(
      { PORT: '9090', HOST: '127.0.0.1', PATCHWERK_DATA_DIR: 'var/pw', DATABASE_URL: 'postgres://db.example/patchwerk' },
      cwd,
    );
    assert.equal(config.port, 9090);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, path.join(cwd, 'var/pw'));
    assert.equal(config.databaseUrl, 'postgres://db.example/patchwerk');
    assert.equal(config.publicUrl, 'http://localhost:9090');
  });

  it('takes PATCHWERK_PUBLIC_URL without a trailing slash', () => {
    assert.equal(loadConfig({ PATCHWERK_PUBLIC_URL: 'https://patchwerk.example/' }, cwd).publicUrl, 'https://patchwerk.example');
  });

  it('rejects a PORT that is not a port number', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }, cwd), ConfigError);
    assert.throws(() => loadConfig({ PORT: '70000' }, cwd), ConfigError);
    assert.throws(() => loadConfig({ PORT: '-1' }, cwd), ConfigError);
  });

  it('rejects an invalid PATCHWERK_PUBLIC_URL', () => {
    assert.throws(() => loadConfig({ PATCHWERK_PUBLIC_URL: 'not a url' }, cwd), ConfigError);
  });

  it('needs the TLS certificate and key together', () => {
    assert.throws(() => loadConfig({ PATCHWERK_TLS_CERT: 'cert.pem' }, cwd), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /PATCHWERK_TLS_CERT and PATCHWERK_TLS_KEY/);
      return true;
    });
    assert.throws(() => loadConfig({ PATCHWERK_TLS_KEY: 'key.pem' }, cwd), ConfigError);
  });

  it('resolves the TLS pair and switches the default public URL to https', () => {
    const config = loadConfig({ PATCHWERK_TLS_CERT: 'tls/cert.pem', PATCHWERK_TLS_KEY: '/etc/pw/key.pem', PORT: '8443' }, cwd);
    assert.deepEqual(config.tls, { certPath: path.join(cwd, 'tls/cert.pem'), keyPath: '/etc/pw/key.pem' });
    assert.equal(config.publicUrl, 'https://localhost:8443');
  });

  it('parses PATCHWERK_TRUST_PROXY as boolean, hop count or address list', () => {
    assert.equal(loadConfig({ PATCHWERK_TRUST_PROXY: 'true' }, cwd).trustProxy, true);
    assert.equal(loadConfig({ PATCHWERK_TRUST_PROXY: 'false' }, cwd).trustProxy, false);
    assert.equal(loadConfig({ PATCHWERK_TRUST_PROXY: '2' }, cwd).trustProxy, 2);
    assert.equal(loadConfig({ PATCHWERK_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, cwd).trustProxy, '10.0.0.0/8, 127.0.0.1');
  });

  it('splits PATCHWERK_EGRESS_ALLOW_HTTP into hosts', () => {
    assert.deepEqual(loadConfig({ PATCHWERK_EGRESS_ALLOW_HTTP: '127.0.0.1, localhost,' }, cwd).egressAllowHttp, ['127.0.0.1', 'localhost']);
  });

  it('merges the config file under the environment', () => {
    const file = writeConfigFile('merged.json', {
      port: 9000,
      host: '127.0.0.1',
      data_dir: 'from-file',
      trust_proxy: true,
      session_hours: 8,
      process: { backup_max_age_hours: 48 },
    });
    const config = loadConfig({ PATCHWERK_CONFIG: file, PORT: '9100' }, cwd);
    assert.equal(config.port, 9100, 'the environment wins');
    assert.equal(config.host, '127.0.0.1', 'the file fills what the environment leaves open');
    assert.equal(config.dataDir, path.join(cwd, 'from-file'));
    assert.equal(config.trustProxy, true);
    assert.equal(config.sessionHours, 8);
    assert.deepEqual(config.process, { backup_max_age_hours: 48, rollout_soak_hours: 24 });
  });

  it('finds a relative PATCHWERK_CONFIG from the working directory', () => {
    writeConfigFile('relative.json', { host: '::1' });
    assert.equal(loadConfig({ PATCHWERK_CONFIG: 'relative.json' }, cwd).host, '::1');
  });

  it('rejects an unknown key in the config file', () => {
    const file = writeConfigFile('unknown.json', { port: 9000, prot: 1 });
    assert.throws(() => loadConfig({ PATCHWERK_CONFIG: file }, cwd), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /prot/);
      return true;
    });
  });

  it('rejects a config file that is missing or not JSON', () => {
    assert.throws(() => loadConfig({ PATCHWERK_CONFIG: path.join(cwd, 'missing.json') }, cwd), ConfigError);
    const broken = writeConfigFile('broken.json', '{ "port": ');
    assert.throws(() => loadConfig({ PATCHWERK_CONFIG: broken }, cwd), ConfigError);
  });

  it('rejects a wrongly typed value in the config file', () => {
    const file = writeConfigFile('typed.json', { port: '9000' });
    assert.throws(() => loadConfig({ PATCHWERK_CONFIG: file }, cwd), ConfigError);
  });
});

describe('parseTrustProxy', () => {
  it('is off when unset, empty or a negative word', () => {
    for (const value of [undefined, '', 'false', '0', 'no', 'off', ' OFF ']) assert.equal(parseTrustProxy(value), false, String(value));
  });

  it('accepts yes-words, hop counts and address lists', () => {
    assert.equal(parseTrustProxy('YES'), true);
    assert.equal(parseTrustProxy('on'), true);
    assert.equal(parseTrustProxy('3'), 3);
    assert.equal(parseTrustProxy(' 192.168.1.1 '), '192.168.1.1');
    assert.equal(parseTrustProxy(true), true);
    assert.equal(parseTrustProxy(1), 1);
  });
});

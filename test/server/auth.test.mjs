// Authentication (API keys, JWT) and per-key rate limits.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { createHmac } from 'node:crypto';
import { buildApp } from '../../server/app.mjs';
import { DuckDbEngine } from '../../server/engines/duckdb.mjs';
import { fixtureRows, writeParquet } from './fixtures.mjs';

/** An HS256 JWT, signed by hand (what any identity provider would issue). */
function signJwt(claims, secret) {
  const part = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iat: Math.floor(Date.now() / 1000), ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('authentication and rate limits', () => {
  let app;
  let dir;
  const url = '/v1/series/A/window?from=0&to=100000000000000&pixels=10';
  before(async () => {
    const file = await writeParquet(fixtureRows(2000));
    dir = file.dir;
    const engine = await new DuckDbEngine({ series: [{ name: 'A', files: [file.path], time: 'time', value: 'price', volume: 'volume' }], levels: false }).open();
    app = await buildApp({
      engine,
      auth: { apiKeys: { 'key-alice': { name: 'alice' }, 'key-bob': { name: 'bob', max: 2 } }, jwtSecret: 'test-secret-0123456789' },
      rateLimit: { max: 5, timeWindow: 60_000 },
    });
  });
  after(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses requests without credentials (401, WWW-Authenticate) and with wrong ones', async () => {
    const none = await app.inject({ url });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().code, 'unauthorized');
    assert.match(none.headers['www-authenticate'], /Bearer/);
    const wrong = await app.inject({ url, headers: { 'x-api-key': 'key-mallory' } });
    assert.equal(wrong.statusCode, 401);
    const forged = signJwt({ sub: 'eve' }, 'another-secret-0123456789');
    const bad = await app.inject({ url, headers: { authorization: `Bearer ${forged}` } });
    assert.equal(bad.statusCode, 401);
    assert.match(bad.json().message, /invalid token/);
  });

  it('accepts an API key, a signed JWT, and access_token on the SSE route only', async () => {
    assert.equal((await app.inject({ url, headers: { 'x-api-key': 'key-alice' } })).statusCode, 200);
    const token = signJwt({ sub: 'carol' }, 'test-secret-0123456789');
    assert.equal((await app.inject({ url, headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
    // access_token is not a parameter of the window route: strict validation refuses it.
    const query = await app.inject({ url: `${url}&access_token=key-alice` });
    assert.equal(query.statusCode, 400);
    // The docs stay public.
    assert.equal((await app.inject({ url: '/openapi.json' })).statusCode, 200);
  });

  it('limits each key on its own: bob (2/min) is stopped with 429 while alice goes on', async () => {
    const bob = { 'x-api-key': 'key-bob' };
    assert.equal((await app.inject({ url, headers: bob })).statusCode, 200);
    assert.equal((await app.inject({ url, headers: bob })).statusCode, 200);
    const third = await app.inject({ url, headers: bob });
    assert.equal(third.statusCode, 429);
    assert.equal(third.json().code, 'rate-limited');
    assert.match(third.json().message, /rate limit of 2 requests/);
    assert.ok(third.headers['retry-after']);
    assert.equal((await app.inject({ url, headers: { 'x-api-key': 'key-alice' } })).statusCode, 200);
  });
});

// Governs a running Tollgate with the official `openai` package's Administration API client, as one governs OpenAI:
// projects, service accounts (their key shown once), key listing and revocation, admin keys, pagination.
// Usage: TOLLGATE_BASE_URL=http://localhost:8080/v1 TOLLGATE_ADMIN_KEY=sk-tgadm-... node admin-e2e.mjs
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const baseURL = process.env.TOLLGATE_BASE_URL;
const adminAPIKey = process.env.TOLLGATE_ADMIN_KEY;
assert.ok(baseURL && adminAPIKey, 'set TOLLGATE_BASE_URL and TOLLGATE_ADMIN_KEY');
const admin = new OpenAI({ baseURL, adminAPIKey, apiKey: 'unused', maxRetries: 0 }).admin.organization;

const project = await admin.projects.create({ name: `e2e ${Date.now()}` });
assert.equal(project.object, 'organization.project');
assert.equal(project.status, 'active');
const renamed = await admin.projects.update(project.id, { name: 'e2e renamed' });
assert.equal(renamed.name, 'e2e renamed');
assert.equal((await admin.projects.retrieve(project.id)).name, 'e2e renamed');

const account = await admin.projects.serviceAccounts.create(project.id, { name: 'ci-bot' });
assert.equal(account.object, 'organization.project.service_account');
assert.ok(account.api_key.value.startsWith('sk-tg-'), 'the service account key is shown once, on create');

// The new key works at once, on the OpenAI surface.
const tenant = new OpenAI({ baseURL, apiKey: account.api_key.value, maxRetries: 0 });
const answer = await tenant.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: 'hi' }] });
assert.ok(answer.choices[0].message.content.length > 0);

// Rate limits, as OpenAI's project.rate_limit objects: one per model, set, exhausted, reported in the headers.
const limits = [];
for await (const limit of admin.projects.rateLimits.listRateLimits(project.id)) limits.push(limit);
assert.ok(limits.some((l) => l.id === 'rl-demo' && l.model === 'demo'), 'one entry per model the project may use');
const limited = await admin.projects.rateLimits.updateRateLimit('rl-demo', {
  project_id: project.id, max_requests_per_1_minute: 3,
});
assert.equal(limited.max_requests_per_1_minute, 3);
await new Promise((r) => setTimeout(r, 250)); // the limit's own propagation, well inside the 2 s bound
if (new Date().getUTCSeconds() > 50) await new Promise((r) => setTimeout(r, (61 - new Date().getUTCSeconds()) * 1000));
const remaining = [];
for (let i = 0; i < 3; i++) {
  const { response } = await tenant.chat.completions
    .create({ model: 'demo', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(response.headers.get('x-ratelimit-limit-requests'), '3');
  assert.match(response.headers.get('x-ratelimit-reset-requests'), /^\d+(\.\d+)?m?s$/);
  remaining.push(Number(response.headers.get('x-ratelimit-remaining-requests')));
}
assert.deepEqual(remaining, [2, 1, 0], 'remaining requests count down as OpenAI reports them');
await assert.rejects(tenant.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: 'hi' }] }),
  (e) => e instanceof OpenAI.RateLimitError && e.code === 'rate_limit_exceeded' && Number(e.headers.get('retry-after')) >= 1);

// The hard spend limit, in OpenAI's shape (cents).
const spend = await admin.projects.spendLimit.update(project.id, { currency: 'USD', interval: 'month', threshold_amount: 2500 });
assert.equal(spend.threshold_amount, 2500);
assert.equal((await admin.projects.spendLimit.retrieve(project.id)).enforcement.status, 'inactive');

const keys = [];
for await (const key of admin.projects.apiKeys.list(project.id)) keys.push(key);
assert.equal(keys.length, 1);
assert.equal(keys[0].id, account.api_key.id);
assert.equal(keys[0].owner.type, 'service_account');
assert.ok(!JSON.stringify(keys).includes(account.api_key.value), 'a listed key never shows its value');

// Revocation reaches the key cache within 2 s.
await admin.projects.apiKeys.delete(account.api_key.id, { project_id: project.id });
const revokedAt = Date.now();
let refusedAfter = null;
while (Date.now() - revokedAt < 2000) {
  try {
    await tenant.models.list();
  } catch (e) {
    assert.ok(e instanceof OpenAI.AuthenticationError, `expected AuthenticationError, got ${e?.constructor?.name}`);
    refusedAfter = Date.now() - revokedAt;
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
assert.ok(refusedAfter !== null, 'the revoked key was still accepted 2 s later');

// Pagination walks every project exactly once.
for (let i = 0; i < 3; i++) await admin.projects.create({ name: `page ${i}` });
const ids = [];
for await (const p of admin.projects.list({ limit: 2 })) ids.push(p.id);
assert.equal(new Set(ids).size, ids.length, 'no project twice across pages');
assert.ok(ids.includes(project.id));

const archived = await admin.projects.archive(project.id);
assert.equal(archived.status, 'archived');
const active = [];
for await (const p of admin.projects.list()) active.push(p.id);
assert.ok(!active.includes(project.id), 'archived projects are left out unless asked for');

const second = await admin.adminAPIKeys.create({ name: 'rotation' });
assert.ok(second.value.startsWith('sk-tgadm-'));
const rotated = new OpenAI({ baseURL, adminAPIKey: second.value, apiKey: 'unused', maxRetries: 0 }).admin.organization;
assert.equal((await rotated.adminAPIKeys.retrieve(second.id)).id, second.id);
await admin.adminAPIKeys.delete(second.id);

await assert.rejects(admin.projects.retrieve('proj_missing'), (e) => e instanceof OpenAI.NotFoundError);
await assert.rejects(admin.projects.create({ name: '' }), (e) => e instanceof OpenAI.BadRequestError);
console.log(`admin-e2e: ok (revocation seen after ${refusedAfter} ms)`);

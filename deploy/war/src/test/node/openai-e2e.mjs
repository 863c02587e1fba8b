// Drives a running Tollgate with the official `openai` package, streamed and not, and checks what it gets back.
// Usage: TOLLGATE_BASE_URL=http://localhost:8080/v1 TOLLGATE_API_KEY=sk-tg-... node openai-e2e.mjs
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const baseURL = process.env.TOLLGATE_BASE_URL;
const apiKey = process.env.TOLLGATE_API_KEY;
const model = process.env.TOLLGATE_MODEL ?? 'demo';
assert.ok(baseURL && apiKey, 'set TOLLGATE_BASE_URL and TOLLGATE_API_KEY');

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30_000 });
const messages = [{ role: 'user', content: 'Say something about gateways.' }];

const models = await client.models.list();
const ids = [];
for await (const m of models) ids.push(m.id);
assert.ok(ids.includes(model), `models.list() should include ${model}, got ${ids}`);

const completion = await client.chat.completions.create({ model, messages });
const text = completion.choices[0].message.content;
assert.ok(text.length > 0, 'non-streamed completion has text');
assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);

const stream = await client.chat.completions.create({
  model, messages, stream: true, stream_options: { include_usage: true },
});
let streamed = '';
let chunks = 0;
let usage = null;
for await (const chunk of stream) {
  chunks++;
  if (chunk.usage) usage = chunk.usage;
  for (const choice of chunk.choices) streamed += choice.delta?.content ?? '';
}
assert.ok(chunks > 2, `expected several chunks, got ${chunks}`);
assert.equal(streamed, text, 'the stream carries the same deterministic text as the non-streamed answer');
assert.ok(usage && usage.completion_tokens === completion.usage.completion_tokens, 'usage chunk present and consistent');

const bad = new OpenAI({ baseURL, apiKey: 'sk-tg-not-a-real-key', maxRetries: 0 });
await assert.rejects(bad.chat.completions.create({ model, messages }), (e) => {
  assert.ok(e instanceof OpenAI.AuthenticationError, `expected AuthenticationError, got ${e?.constructor?.name}`);
  assert.equal(e.status, 401);
  return true;
});
await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages }), (e) => {
  assert.ok(e instanceof OpenAI.NotFoundError, `expected NotFoundError, got ${e?.constructor?.name}`);
  assert.equal(e.code, 'model_not_found');
  return true;
});

console.log(`openai-e2e: ok (${chunks} chunks, ${completion.usage.total_tokens} tokens)`);

// Legacy completions and embeddings through the same client.
const legacy = await client.completions.create({ model, prompt: 'Once upon a time', max_tokens: 8 });
assert.ok(legacy.choices[0].text.length > 0, 'text completion has text');
const embedded = await client.embeddings.create({ model, input: ['a', 'b'], dimensions: 16 });
assert.equal(embedded.data.length, 2);
assert.equal(embedded.data[0].embedding.length, 16, 'the SDK decodes the (base64 by default) embedding');

await assert.rejects(client.chat.completions.create({ model, messages: [] }), (e) => {
  assert.ok(e instanceof OpenAI.BadRequestError, `expected BadRequestError, got ${e?.constructor?.name}`);
  assert.equal(e.param, 'messages');
  return true;
});
console.log('openai-e2e: completions, embeddings and errors ok');

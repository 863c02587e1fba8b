// Drives a running Tollgate's Messages API with the official `@anthropic-ai/sdk` package, streamed and not, and
// checks what it gets back, errors included.
// Usage: TOLLGATE_BASE_URL=http://localhost:8080 TOLLGATE_API_KEY=sk-tg-... node messages-e2e.mjs
// (the root URL, not /v1: the SDK appends /v1/messages itself)
import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';

const baseURL = process.env.TOLLGATE_BASE_URL;
const apiKey = process.env.TOLLGATE_API_KEY;
const model = process.env.TOLLGATE_MODEL ?? 'demo';
assert.ok(baseURL && apiKey, 'set TOLLGATE_BASE_URL and TOLLGATE_API_KEY');

const client = new Anthropic({ baseURL, apiKey, maxRetries: 0, timeout: 30_000 });
const request = {
  model, max_tokens: 128, system: 'Be brief.',
  messages: [{ role: 'user', content: 'Say something about gateways.' }],
};

const message = await client.messages.create(request);
assert.equal(message.type, 'message');
assert.equal(message.role, 'assistant');
assert.equal(message.model, model);
assert.equal(message.stop_reason, 'end_turn');
assert.equal(message.content[0].type, 'text');
const text = message.content[0].text;
assert.ok(text.length > 0, 'non-streamed message has text');
assert.ok(message.usage.input_tokens > 0 && message.usage.output_tokens > 0, 'usage present');

// The stream helper assembles the final message from the events, as SDK users rely on.
const stream = client.messages.stream(request);
let streamed = '';
stream.on('text', (delta) => { streamed += delta; });
const final = await stream.finalMessage();
assert.equal(streamed, text, 'the stream carries the same deterministic text as the whole answer');
assert.equal(final.content[0].text, text);
assert.equal(final.stop_reason, 'end_turn');
assert.equal(final.usage.output_tokens, message.usage.output_tokens, 'final usage from message_delta');

// The raw event stream, as create({stream: true}) yields it.
const events = [];
for await (const event of await client.messages.create({ ...request, stream: true })) events.push(event.type);
assert.equal(events[0], 'message_start');
assert.deepEqual(events.slice(-2), ['message_delta', 'message_stop']);

const bad = new Anthropic({ baseURL, apiKey: 'sk-tg-not-a-real-key', maxRetries: 0 });
await assert.rejects(bad.messages.create(request), (e) => {
  assert.ok(e instanceof Anthropic.AuthenticationError, `expected AuthenticationError, got ${e?.constructor?.name}`);
  assert.equal(e.status, 401);
  return true;
});
await assert.rejects(client.messages.create({ ...request, model: 'no-such-model' }), (e) => {
  assert.ok(e instanceof Anthropic.NotFoundError, `expected NotFoundError, got ${e?.constructor?.name}`);
  assert.equal(e.error?.error?.type, 'not_found_error');
  return true;
});
await assert.rejects(client.messages.create({ ...request, messages: [] }), (e) => {
  assert.ok(e instanceof Anthropic.BadRequestError, `expected BadRequestError, got ${e?.constructor?.name}`);
  return true;
});

console.log(`messages-e2e: ok (${events.length} events, ${message.usage.output_tokens} output tokens)`);

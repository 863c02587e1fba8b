// Drives a running Tollgate with the official `openai` package against a backend of kind `anthropic` (whose answers
// Tollgate translates from Anthropic's Messages API), streamed and not, text and tool calls, and checks what it gets.
// Usage: TOLLGATE_BASE_URL=http://localhost:8080/v1 TOLLGATE_API_KEY=sk-tg-... EXPECTED_TEXT='...' node anthropic-e2e.mjs
// Models: `claude` answers EXPECTED_TEXT, `claude-tools` calls get_weather({"city":"Paris"}), `claude-limited` is
// rate limited (AnthropicBackendIT registers them against its Anthropic stand-in).
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const baseURL = process.env.TOLLGATE_BASE_URL;
const apiKey = process.env.TOLLGATE_API_KEY;
const expected = process.env.EXPECTED_TEXT;
assert.ok(baseURL && apiKey && expected, 'set TOLLGATE_BASE_URL, TOLLGATE_API_KEY and EXPECTED_TEXT');

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30_000 });
const messages = [{ role: 'system', content: 'Be cheerful.' }, { role: 'user', content: 'Hello!' }];
const tools = [{
  type: 'function',
  function: {
    name: 'get_weather', description: 'The weather now in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
}];

const completion = await client.chat.completions.create({ model: 'claude', messages });
assert.equal(completion.object, 'chat.completion');
assert.equal(completion.choices[0].message.content, expected);
assert.equal(completion.choices[0].finish_reason, 'stop');
assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);

const stream = await client.chat.completions.create({
  model: 'claude', messages, stream: true, stream_options: { include_usage: true },
});
let streamed = '';
let chunks = 0;
let usage = null;
let finish = null;
for await (const chunk of stream) {
  chunks++;
  if (chunk.usage) usage = chunk.usage;
  for (const choice of chunk.choices) {
    streamed += choice.delta?.content ?? '';
    finish = choice.finish_reason ?? finish;
  }
}
assert.equal(streamed, expected, 'the stream carries the whole text');
assert.equal(finish, 'stop');
assert.ok(usage && usage.total_tokens === completion.usage.total_tokens, 'usage chunk present and consistent');

// The SDK's own stream helper assembles tool calls from the deltas and checks the chunks as it goes.
const runner = client.chat.completions.stream({
  model: 'claude-tools', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools,
});
const final = await runner.finalChatCompletion();
const call = final.choices[0].message.tool_calls?.[0];
assert.ok(call, `a tool call, got ${JSON.stringify(final.choices[0].message)}`);
assert.equal(call.type, 'function');
assert.equal(call.function.name, 'get_weather');
assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
assert.equal(final.choices[0].finish_reason, 'tool_calls');

const whole = await client.chat.completions.create({
  model: 'claude-tools', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools,
});
assert.deepEqual(JSON.parse(whole.choices[0].message.tool_calls[0].function.arguments), { city: 'Paris' });

await assert.rejects(client.chat.completions.create({ model: 'claude-limited', messages }), (e) => {
  assert.ok(e instanceof OpenAI.RateLimitError, `expected RateLimitError, got ${e?.constructor?.name}`);
  assert.equal(e.status, 429);
  return true;
});

console.log(`anthropic-e2e: ok (${chunks} chunks, ${completion.usage.total_tokens} tokens, tool call ${call.id})`);

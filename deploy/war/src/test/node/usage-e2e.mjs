// Reads a project's usage and costs through the official `openai` package's Administration API client, as one reads
// OpenAI's, and checks them against what the Tollgate integration test counted from its clients' answers.
// Usage: TOLLGATE_BASE_URL=… TOLLGATE_ADMIN_KEY=… PROJECT_ID=… START_TIME=… EXPECT_INPUT=… EXPECT_OUTPUT=…
//        EXPECT_REQUESTS=… EXPECT_EMBEDDING_INPUT=… EXPECT_COST_USD=… node usage-e2e.mjs
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const env = process.env;
const admin = new OpenAI({ baseURL: env.TOLLGATE_BASE_URL, adminAPIKey: env.TOLLGATE_ADMIN_KEY, apiKey: 'unused',
  maxRetries: 0 }).admin.organization;
const query = { start_time: Number(env.START_TIME), project_ids: [env.PROJECT_ID], group_by: ['project_id', 'model'] };

const sum = (page, field) => page.data.flatMap((b) => b.results).reduce((t, r) => t + (r[field] ?? 0), 0);

const completions = await admin.usage.completions({ ...query, bucket_width: '1h' });
assert.equal(completions.object, 'page');
assert.ok(completions.data.every((b) => b.object === 'bucket' && b.end_time > b.start_time));
assert.equal(sum(completions, 'input_tokens'), Number(env.EXPECT_INPUT), 'input tokens');
assert.equal(sum(completions, 'output_tokens'), Number(env.EXPECT_OUTPUT), 'output tokens');
assert.equal(sum(completions, 'num_model_requests'), Number(env.EXPECT_REQUESTS), 'requests');
assert.ok(completions.data.flatMap((b) => b.results).every((r) => r.project_id === env.PROJECT_ID));

const perMinute = await admin.usage.completions({ ...query, bucket_width: '1m', limit: 120 });
assert.equal(sum(perMinute, 'output_tokens'), Number(env.EXPECT_OUTPUT), 'minute buckets read the events themselves');

const embeddings = await admin.usage.embeddings({ ...query, bucket_width: '1d' });
assert.equal(sum(embeddings, 'input_tokens'), Number(env.EXPECT_EMBEDDING_INPUT), 'embedding input tokens');

const costs = await admin.usage.costs({ start_time: query.start_time, project_ids: [env.PROJECT_ID],
  group_by: ['line_item'] });
const usd = costs.data.flatMap((b) => b.results).reduce((t, r) => t + r.amount.value, 0);
assert.ok(Math.abs(usd - Number(env.EXPECT_COST_USD)) < 1e-9, `costs ${usd} vs ${env.EXPECT_COST_USD}`);
assert.ok(costs.data.flatMap((b) => b.results).every((r) => r.amount.currency === 'usd' && r.line_item));

await assert.rejects(admin.usage.completions({ start_time: query.start_time, bucket_width: '1d', limit: 1000 }),
  (e) => e instanceof OpenAI.BadRequestError);
console.log(`usage-e2e: ok (${sum(completions, 'num_model_requests')} requests, USD ${usd})`);

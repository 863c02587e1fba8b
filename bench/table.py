#!/usr/bin/env python3
"""The table bench/run.sh prints: figures from ../shared/bench's raw lines and ratios within the same run.
Usage: table.py RAW READY_MS PAYARA_MS LEDGER_STATEMENTS LEASE_STATEMENTS COMPLETIONS HEAP_MB"""
import re, sys
raw, ready_ms, payara_ms, stmts, lease_stmts, completions, heap = sys.argv[1:]
r = {}
for line in open(raw):
    m = re.match(r'(\S+)\s+(json|sse)\s+c=(\d+)\s+(.*)', line)
    if m:
        r[(m[1], m[2], int(m[3]))] = {k: float(v) for k, v in re.findall(r'(\w+)=([\d.]+)', m[4])}
def g(t, kind, c, f):
    return r.get((t, kind, c), {}).get(f, float('nan'))
def ratio(a, b):
    return a / b if b else float('nan')
rows = []
def row(goal, what, figure, ratio_text, ok):
    rows.append((goal, what, figure, ratio_text, '' if ok is None else ('yes' if ok else 'NO')))
add = g('tollgate', 'json', 1, 'p50_ms') - g('direct', 'json', 1, 'p50_ms')
add_n = g('nginx', 'json', 1, 'p50_ms') - g('direct', 'json', 1, 'p50_ms')
add_p = g('portkey', 'json', 1, 'p50_ms') - g('direct', 'json', 1, 'p50_ms')
row('1', 'added p50, json, c=1 (ms)', f'{add:.3f}', f'nginx {add_n:.3f}, portkey {add_p:.3f}', add <= 0.35)
add_s = g('tollgate', 'sse', 1, 'p50_ms') - g('direct', 'sse', 1, 'p50_ms')
row('', 'added p50, sse, c=1 (ms)', f'{add_s:.3f}', f"nginx {g('nginx','sse',1,'p50_ms') - g('direct','sse',1,'p50_ms'):.3f}", None)
t, n, p = g('tollgate', 'json', 64, 'rps'), g('nginx', 'json', 64, 'rps'), g('portkey', 'json', 64, 'rps')
row('2', 'json req/s, c=64', f'{t:.0f}', f'{ratio(t, p):.1f}x portkey ({p:.0f}), {ratio(t, n):.3f}x nginx ({n:.0f})',
    ratio(t, p) >= 8 and ratio(t, n) >= 0.15)
row('2', 'json p99 under load, c=64 (ms)', f"{g('tollgate', 'json', 64, 'p99_ms'):.2f}",
    f"nginx {g('nginx', 'json', 64, 'p99_ms'):.2f}, portkey {g('portkey', 'json', 64, 'p99_ms'):.2f}", None)
t, n = g('tollgate', 'sse', 64, 'rps'), g('nginx', 'sse', 64, 'rps')
row('3', 'sse streams/s, c=64', f'{t:.0f}', f'{ratio(t, n):.3f}x nginx ({n:.0f})', ratio(t, n) >= 0.2)
row('3', 'sse p99 under load, c=64 (ms)', f"{g('tollgate', 'sse', 64, 'p99_ms'):.2f}",
    f"nginx {g('nginx', 'sse', 64, 'p99_ms'):.2f}", None)
# wrk's latency is time to the whole response; at c=1 a 20-chunk stream sent at once arrives with its first byte,
# so the added stream latency at c=1 is the time-to-first-byte overhead.
row('3', 'TTFB overhead, sse c=1 (ms)', f'{add_s:.3f}', 'vs direct', None)
errs = sum(v.get('errors', 0) + v.get('non2xx', 0) for (t_, _, _), v in r.items() if t_ == 'tollgate')
row('', 'tollgate errors + non-2xx', f'{errs:.0f}', '', errs == 0)
c = int(completions)
per = 1000 * (int(stmts) + int(lease_stmts)) / c if c else float('nan')
row('5', 'DB statements / 1,000 completions', f'{per:.2f}',
    f'ledger {stmts} + leases {lease_stmts} over {c} completions', per <= 20)
row('6', 'start to ready (s)', f'{int(ready_ms) / 1000:.1f}',
    f'Payara Micro reported {int(payara_ms) / 1000:.1f} s for its own start with the WAR', None)
row('', 'heap used after the run (MB)', heap, '', None)
if ('tollgate-rs', 'json', 64) in r:
    # The Jakarta REST variant of the chat surface, same run: kept only if it costs at most 10 %.
    for kind, what in (('json', 'req/s'), ('sse', 'streams/s')):
        rs, sv = g('tollgate-rs', kind, 64, 'rps'), g('tollgate', kind, 64, 'rps')
        row('', f'jakarta rest {kind} {what}, c=64', f'{rs:.0f}', f'{ratio(rs, sv):.2f}x the servlet ({sv:.0f})',
            ratio(rs, sv) >= 0.9)
    add_rs = g('tollgate-rs', 'json', 1, 'p50_ms') - g('direct', 'json', 1, 'p50_ms')
    row('', 'jakarta rest added p50, json, c=1 (ms)', f'{add_rs:.3f}', f'servlet {add:.3f}', None)
w = [max(len(str(x[i])) for x in rows + [('goal', 'measure', 'figure', 'ratio / reference', 'met')]) for i in range(5)]
fmt = '| ' + ' | '.join('{:<%d}' % x for x in w) + ' |'
print(fmt.format('goal', 'measure', 'figure', 'ratio / reference', 'met'))
print('|' + '|'.join('-' * (x + 2) for x in w) + '|')
for x in rows:
    print(fmt.format(*x))

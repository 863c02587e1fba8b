#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples: top frames by self time, Tollgate's own frames by inclusive
time, and self time by package family. Usage: jfr-top.py RECORDING.jfr [N]"""
import collections, json, subprocess, sys

rec = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
data = json.loads(subprocess.run(['jfr', 'print', '--json', '--stack-depth', '96', '--events', 'jdk.ExecutionSample', rec],
                                 check=True, capture_output=True, text=True).stdout)
events = data['recording']['events']
self_t, ours, fam, caller, threads, callfam = (collections.Counter() for _ in range(6))
FAMILIES = [('io.tollgate', 'Tollgate'), ('org.glassfish.grizzly', 'Grizzly'), ('org.apache.catalina', 'Catalina'),
            ('org.glassfish.jersey', 'Jersey'), ('org.jboss.weld', 'Weld'), ('org.glassfish.hk2', 'HK2'),
            ('jdk.internal.net.http', 'JDK HttpClient'), ('java.net.http', 'JDK HttpClient'),
            ('org.eclipse.parsson', 'JSON-P (Parsson)'), ('org.glassfish.json', 'JSON-P'), ('sun.nio', 'NIO'),
            ('java.util.concurrent', 'j.u.concurrent'), ('java.util.logging', 'JUL logging'),
            ('com.sun.enterprise', 'Payara'), ('fish.payara', 'Payara'), ('org.glassfish', 'GlassFish other'),
            ('java.', 'JDK other'), ('jdk.', 'JDK other'), ('sun.', 'JDK other')]
def family(cls):
    for prefix, name in FAMILIES:
        if cls.startswith(prefix):
            return name
    return cls.rsplit('.', 2)[0] if '.' in cls else cls
for e in events:
    frames = e['values']['stackTrace']['frames'] if e['values'].get('stackTrace') else []
    if not frames:
        continue
    names = [(f['method']['type']['name'] + '.' + f['method']['name']).replace('/', '.') for f in frames]
    self_t[names[0]] += 1
    fam[family(names[0])] += 1
    # the first frame outside the JDK: which library or which of our methods asked for the JDK work
    first = next((x for x in names if not x.startswith(('java.', 'jdk.', 'sun.'))), names[-1])
    caller[first] += 1
    callfam[family(first) if first != names[-1] or not first.startswith(('java.', 'jdk.', 'sun.')) else 'JDK only (HttpClient, executors)'] += 1
    t = e['values'].get('sampledThread') or {}
    threads[''.join(c for c in (t.get('javaName') or t.get('osName') or '?') if not c.isdigit()).rstrip('-#')] += 1
    for name in set(names):
        if name.startswith('io.tollgate'):
            ours[name] += 1
total = len(events) or 1
print(f'{total} execution samples')
print('\n-- self time, top frames')
for name, c in self_t.most_common(n):
    print(f'{100 * c / total:5.1f}%  {name}')
print('\n-- self time by family')
for name, c in fam.most_common(15):
    print(f'{100 * c / total:5.1f}%  {name}')
print('\n-- self time by the first frame outside the JDK')
for name, c in caller.most_common(n):
    print(f'{100 * c / total:5.1f}%  {name}')
print('\n-- by the family of the first frame outside the JDK (who asked for the work)')
for name, c in callfam.most_common(15):
    print(f'{100 * c / total:5.1f}%  {name}')
print('\n-- by thread (digits dropped)')
for name, c in threads.most_common(10):
    print(f'{100 * c / total:5.1f}%  {name}')
print('\n-- Tollgate frames, inclusive')
for name, c in ours.most_common(n):
    print(f'{100 * c / total:5.1f}%  {name}')

// Validates rendered Kubernetes objects against the Kubernetes API schemas, offline. Run by ../check.sh:
//   node validate.mjs objects.json      objects.json = [{"set": "overlays/prod", "docs": [ {...}, ... ]}, ...]
//
// Two passes per object, both from the packages pinned in package.json (kubernetes-models for the built-in
// kinds, generated from Kubernetes' OpenAPI specification; @kubernetes-models/* for the Prometheus Operator,
// KEDA and Gateway API custom resources, generated from their CRDs):
//   1. schema: the JSON schema of its apiVersion/kind (types, required fields, enums, formats, patterns);
//   2. strict: unknown fields. The JSON schemas allow any extra field, so a misspelt one (nodeSelecter,
//      limit instead of limits) would pass and be dropped by the API server; TypeScript's excess-property check
//      against the same models' type declarations rejects it (like kubeconform -strict). It reports the first
//      such error of each object: fix it and run again to see the next.
// Kinds with no schema available offline are listed in NO_SCHEMA and reported as skipped; any other unknown
// kind is an error, so a new kind is either validated or consciously skipped.
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));

// apiVersion group -> the package holding its models
const PACKAGES = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "keda.sh": "@kubernetes-models/keda",
  "gateway.networking.k8s.io": "@kubernetes-models/gateway-api",
};
// No model package exists for these; check.sh checks their shape itself.
const NO_SCHEMA = new Set(["postgresql.cnpg.io/v1/Cluster"]);

function modulePath(apiVersion, kind) {
  if (!/^[A-Za-z0-9]+$/.test(kind) || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return null;
  const slash = apiVersion.indexOf("/");
  if (slash < 0) return `kubernetes-models/${apiVersion}/${kind}`;      // core group: v1
  const group = apiVersion.slice(0, slash);
  const pkg = PACKAGES[group] ?? (group.includes(".") && !group.endsWith(".k8s.io") ? null : "kubernetes-models");
  return pkg ? `${pkg}/${apiVersion}/${kind}` : null;
}

const sets = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failures = 0;
const strictLines = [];          // one TypeScript declaration per object
const strictOwner = [];          // line -> "set: Kind name"
const skipped = new Map();       // "apiVersion/kind" -> count

for (const { set, docs } of sets) {
  for (const doc of docs) {
    const { apiVersion, kind } = doc;
    const label = `${set}: ${kind} ${doc.metadata?.name}`;
    if (NO_SCHEMA.has(`${apiVersion}/${kind}`)) {
      skipped.set(`${apiVersion} ${kind}`, (skipped.get(`${apiVersion} ${kind}`) ?? 0) + 1);
      continue;
    }
    const path = modulePath(apiVersion, kind);
    let Model;
    try {
      Model = path && (await import(path))[kind];
    } catch {
      Model = undefined;
    }
    if (!Model) {
      console.log(`  ERROR ${label}: no schema for ${apiVersion} ${kind} (add its model package to validate/package.json, or to NO_SCHEMA in validate.mjs)`);
      failures++;
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      console.log(`  ERROR ${label}: ${e.message}`);
      failures++;
    }
    strictOwner.push(label);
    strictLines.push(`const o${strictLines.length}: import(${JSON.stringify(path)}).I${kind} = ${JSON.stringify(doc)};`);
  }
}

// Strict pass: one program over all objects (about a second).
const file = join(here, `.strict-${process.pid}.ts`);
writeFileSync(file, "export {};\n" + strictLines.join("\n") + "\n");
try {
  const program = ts.createProgram([file], {
    strict: true, noEmit: true, skipLibCheck: true, types: [],
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (d.file && d.file.fileName === program.getSourceFile(file)?.fileName && d.start !== undefined) {
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      console.log(`  ERROR ${strictOwner[line - 1] ?? "?"}: ${text}`);
    } else {
      console.log(`  ERROR (type declarations): ${text}`);
    }
    failures++;
  }
} finally {
  rmSync(file, { force: true });
}

const checked = strictLines.length;
const skippedText = [...skipped].map(([k, n]) => `${n} ${k}`).join(", ");
console.log(`  schema + unknown fields: ${checked} objects checked` +
  (skippedText ? `; no schema offline, checked by check.sh only: ${skippedText}` : "") +
  (failures ? `; ${failures} error(s)` : ""));
process.exit(failures ? 1 : 0);

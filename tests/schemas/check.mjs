// Checks the JSON Schemas in schemas/ against real files:
//   - both schemas compile under Ajv's strict mode and describe every property (hover help in editors);
//   - every *.yaml under scenarios/ (except scenarios/broken/) is valid;
//   - every file in tests/schemas/broken/ is invalid.
// A file with a top-level `sites` key is a topology; any other is a campaign.
// Prints one line per check and closes with "N passed, M failed"; exits 1 when anything failed.
// Runs offline after `npm ci` in this folder: node check.mjs
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import YAML from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const rel = (p) => relative(repo, p).split(sep).join('/');

let passed = 0;
let failed = 0;
const pass = (line) => { passed++; console.log(`ok ${line}`); };
const fail = (line) => { failed++; console.log(`FAIL ${line}`); };

const ajv = new Ajv({
  allErrors: true,
  verbose: true, // errors carry their schema, for patternErrorMessage
  strict: true,
  strictTypes: true,
  strictTuples: true,
  // "exactly one of" (oneOf of required) and if/then name keys that the enclosing schema defines.
  strictRequired: false,
  allowUnionTypes: true,
});
// Annotations that the YAML language server (vscode-json-languageservice) shows; Ajv only needs to know them.
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });

const schemaFiles = { topology: 'schemas/topology.schema.json', campaign: 'schemas/campaign.schema.json' };
const validators = {};
for (const [kind, file] of Object.entries(schemaFiles)) {
  let schema;
  try {
    schema = JSON.parse(readFileSync(join(repo, file), 'utf8'));
    validators[kind] = ajv.compile(schema);
  } catch (e) {
    fail(`compiled ${file}: ${e.message}`);
    continue;
  }
  const problems = [];
  if (!schema.$id) problems.push('no $id');
  if (!schema.title) problems.push('no title');
  if (schema.$schema !== 'http://json-schema.org/draft-07/schema#') problems.push('$schema is not draft-07');
  problems.push(...undescribed(schema));
  if (problems.length === 0) pass(`compiled ${file}: every property described`);
  else fail(`compiled ${file}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
}

/** Properties without a description of their own or at the end of their $ref. */
function undescribed(root) {
  const found = [];
  const deref = (s) => {
    const seen = new Set();
    while (s && typeof s === 'object' && !s.description && s.$ref && !seen.has(s.$ref)) {
      seen.add(s.$ref);
      s = s.$ref.replace(/^#\//, '').split('/').reduce((node, key) => node?.[key], root);
    }
    return s;
  };
  const walk = (node, path) => {
    if (Array.isArray(node)) { node.forEach((n, i) => walk(n, `${path}/${i}`)); return; }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [name, prop] of Object.entries(value)) {
          const target = deref(prop);
          // `false` forbids a key in an if/then branch; it needs no help text.
          if (prop !== false && !(target && typeof target === 'object' && target.description)) found.push(`${path}/properties/${name} has no description`);
        }
      }
      // Conditions (if, contains) only test values; annotations hold data, not schemas.
      if (!['if', 'contains', 'enum', 'const', 'examples', 'default'].includes(key)) walk(value, `${path}/${key}`);
    }
  };
  walk(root, '#');
  return found;
}

/** Every *.yaml / *.yml file under dir, sorted, skipping the folders named in skip. */
function yamlFiles(dir, skip = []) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!skip.includes(path)) out.push(...yamlFiles(path, skip));
    } else if (/\.ya?ml$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

/** Whether a value has one of the JSON Schema types given (a string or a list). */
function hasType(data, type) {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case 'integer': return Number.isInteger(data);
      case 'array': return Array.isArray(data);
      case 'object': return data !== null && typeof data === 'object' && !Array.isArray(data);
      case 'null': return data === null;
      default: return typeof data === t;
    }
  });
}

/**
 * The most telling of Ajv's errors. Ajv with allErrors reports the failures of every anyOf/oneOf branch and of
 * every item tested by contains; keep those that a reader can act on: drop errors of branches made for another
 * type of value (a string branch tried on a mapping) and of contains' per-item tests, then prefer the deepest,
 * and at one depth an unknown or missing key over a bad value over a summary.
 */
function bestError(errors) {
  const rank = { additionalProperties: 0, required: 1, 'false schema': 1, oneOf: 3, anyOf: 3, if: 3, contains: 3, type: 4 };
  const depth = (e) => (e.instancePath.match(/\//g) || []).length;
  const useful = errors.filter((e) =>
    !e.schemaPath.includes('/contains/')
    && !(e.keyword !== 'type' && e.parentSchema && e.parentSchema.type !== undefined && !hasType(e.data, e.parentSchema.type)));
  const sorted = (useful.length > 0 ? useful : errors).slice().sort((a, b) =>
    depth(b) - depth(a) || (rank[a.keyword] ?? 2) - (rank[b.keyword] ?? 2));
  return sorted[0];
}

function describe(e) {
  const at = e.instancePath === '' ? '(top)' : e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${at}: unknown key '${e.params.additionalProperty}'`;
    case 'required':
      return `${at}: missing key '${e.params.missingProperty}'`;
    case 'enum':
      return `${at}: expected one of ${e.params.allowedValues.join(', ')}; found ${JSON.stringify(e.data)}`;
    case 'pattern':
      return `${at}: ${e.parentSchema?.patternErrorMessage ?? e.message}; found ${JSON.stringify(e.data)}`;
    case 'oneOf': {
      // "exactly one of" written as oneOf: [{required: [a]}, {required: [b]}, …]
      const names = e.schema.map((alt) => (Object.keys(alt).length === 1 && alt.required?.length === 1 ? alt.required[0] : null));
      if (names.every((n) => n !== null) && hasType(e.data, 'object')) {
        const present = names.filter((n) => n in e.data);
        return `${at}: expected exactly one of ${names.join(', ')}; found ${present.length === 0 ? 'none' : present.join(' and ')}`;
      }
      return `${at}: must match exactly one of its alternatives${e.params.passingSchemas ? ` (matches ${e.params.passingSchemas.length})` : ' (matches none)'}`;
    }
    case 'contains': {
      const wanted = Object.entries(e.schema.properties ?? {}).filter(([, v]) => 'const' in v).map(([k, v]) => `${k}: ${v.const}`);
      return wanted.length > 0 ? `${at}: expected an item with ${wanted.join(', ')}; found none` : `${at}: ${e.message}`;
    }
    case 'false schema':
      return `${at}: this key is not allowed here`;
    default:
      return `${at}: ${e.message}${e.data !== undefined && typeof e.data !== 'object' ? `; found ${JSON.stringify(e.data)}` : ''}`;
  }
}

/** Validates one file; returns null when valid, else the reason it is not. */
function check(path, { modeline = false } = {}) {
  const text = readFileSync(path, 'utf8');
  let doc;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    return `not valid YAML: ${e.message.split('\n')[0]}`;
  }
  const kind = doc && typeof doc === 'object' && !Array.isArray(doc) && 'sites' in doc ? 'topology' : 'campaign';
  const validate = validators[kind];
  if (!validate) return `no ${kind} schema`;
  if (!validate(doc)) return `${kind} ${describe(bestError(validate.errors))}`;
  // An editor modeline must name the schema of the file's kind, or the editor checks it against the other one.
  const named = modeline && /^#\s*yaml-language-server:\s*\$schema=(\S+)/.exec(text.split('\n', 1)[0]);
  if (named && !/^[a-z]+:/i.test(named[1]) && resolve(dirname(path), named[1]) !== join(repo, schemaFiles[kind])) {
    return `a ${kind}, but its yaml-language-server modeline names ${named[1]}`;
  }
  return null;
}

const scenarios = join(repo, 'scenarios');
const good = yamlFiles(scenarios, [join(scenarios, 'broken')]);
if (good.length === 0) fail(`accepted scenarios/: found no *.yaml to check`);
for (const file of good) {
  const why = check(file, { modeline: true });
  if (why === null) pass(`accepted ${rel(file)}`);
  else fail(`accepted ${rel(file)}: ${why}`);
}

const bad = yamlFiles(join(here, 'broken'));
if (bad.length === 0) fail(`rejected tests/schemas/broken/: found no *.yaml to check`);
for (const file of bad) {
  const why = check(file);
  if (why !== null) pass(`rejected ${rel(file)}: ${why}`);
  else fail(`rejected ${rel(file)}: the schema accepts it`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

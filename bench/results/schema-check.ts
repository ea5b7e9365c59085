import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// the named export: ajv is CommonJS, and Node's ESM sees its exports by name
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The JSON Schemas of the suite's files, kept in the repo beside their types (schemas/): what other
 * tools may rely on, and what every reader checks a file against before trusting it.
 */
export const SCHEMA_DIR = join(import.meta.dirname, 'schemas');
export type SchemaName = 'run' | 'compare';

const compiled = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  const known = compiled.get(name);
  if (known) return known;
  const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as object;
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
  compiled.set(name, validate);
  return validate;
}

/** The first way the value breaks the schema, in one line (`/points/3/status must be equal to ...`), or undefined when it holds. */
export function schemaProblem(name: SchemaName, value: unknown): string | undefined {
  const validate = validator(name);
  if (validate(value)) return undefined;
  // the most specific complaint: a bad `status` also fails the branch its value would have chosen
  const [error] = [...(validate.errors ?? [])].filter((e) => e.keyword !== 'if').sort((a, b) => b.instancePath.length - a.instancePath.length);
  return error ? describe(error) : 'does not match its schema';
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(the top)';
  const allowed = error.keyword === 'enum' ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : '';
  return `${where} ${error.message ?? 'is wrong'}${allowed}`;
}

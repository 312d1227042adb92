// `environments/<name>.json`. Saving splits secret values off into the SecretStore.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  ENVIRONMENT_FORMAT_VERSION,
  EnvironmentSchema,
  type Environment,
  type EnvironmentInput,
} from '../../shared/workspace/environment.js';
import { writeFileAtomic } from './store/atomic-write.js';
import { removeFile } from './store/fs-ops.js';
import { readJsonFile, toFileText, validate } from './store/json-file.js';
import { insideWorkspace } from './store/inside.js';
import { checkName } from './store/names.js';
import { WorkspaceError } from './store/workspace-error.js';
import type { SecretStore } from './variables/secret-store.js';

export const ENVIRONMENTS_DIR = 'environments';

export interface EnvironmentListing {
  name: string;
  /** Why the file could not be read, when it could not. */
  error?: string;
}

function envFile(root: string, name: string): string {
  return insideWorkspace(
    root,
    path.join(root, ENVIRONMENTS_DIR, `${checkName(name, 'environment')}.json`),
  );
}

function noSecrets(secrets: SecretStore | undefined): SecretStore {
  if (!secrets)
    throw new WorkspaceError(
      'this workspace was opened without a secret store; secret variables are unavailable',
    );
  return secrets;
}

export class Environments {
  constructor(
    private readonly root: string,
    private readonly secrets: SecretStore | undefined,
    /** Called after an environment was written or deleted. */
    private readonly onChange: (name: string, deleted: boolean) => void = () => {},
  ) {}

  list(): EnvironmentListing[] {
    let names: string[];
    try {
      names = readdirSync(path.join(this.root, ENVIRONMENTS_DIR)).filter(
        (f) => f.endsWith('.json') && !f.startsWith('.'),
      );
    } catch {
      return [];
    }
    return names.sort().map((f) => {
      const name = f.slice(0, -'.json'.length);
      try {
        this.read(name);
        return { name };
      } catch (error) {
        return { name, error: (error as Error).message };
      }
    });
  }

  /** The file as stored: secret variables carry no value. */
  read(name: string): Environment {
    const file = envFile(this.root, name);
    if (!existsSync(file)) throw new WorkspaceError(`no environment named "${name}"`, 'ENOENT');
    return readJsonFile(EnvironmentSchema, file);
  }

  /** Writes the file without secret values; secret values given are stored in the SecretStore. */
  async save(input: EnvironmentInput): Promise<Environment> {
    const file = envFile(this.root, input.name);
    const previous = existsSync(file) ? this.read(input.name) : undefined;
    const seen = new Set<string>();
    for (const v of input.variables) {
      if (seen.has(v.name))
        throw new WorkspaceError(
          `environment "${input.name}": variable ${v.name} is defined twice`,
        );
      seen.add(v.name);
    }
    for (const v of input.variables) {
      if (v.secret && v.value !== undefined)
        await noSecrets(this.secrets).set(input.name, v.name, v.value);
    }
    // A variable no longer secret, or gone, must not leave its value behind.
    for (const old of previous?.variables ?? []) {
      const now = input.variables.find((v) => v.name === old.name);
      if (old.secret && !now?.secret && this.secrets)
        await this.secrets.delete(input.name, old.name);
    }
    const env = validate(
      EnvironmentSchema,
      {
        version: ENVIRONMENT_FORMAT_VERSION,
        name: input.name,
        variables: input.variables.map(({ name, value, secret, enabled }) =>
          secret
            ? { name, secret: true, ...(enabled === false ? { enabled } : {}) }
            : { name, value: value ?? '', ...(enabled === false ? { enabled } : {}) },
        ),
      },
      `environment "${input.name}"`,
    );
    writeFileAtomic(file, toFileText(env));
    this.onChange(input.name, false);
    return env;
  }

  /** Renames the file and moves its secrets along. */
  async rename(name: string, newName: string): Promise<Environment> {
    const env = this.read(name);
    if (name === newName) return env;
    if (existsSync(envFile(this.root, newName)))
      throw new WorkspaceError(`an environment named "${newName}" already exists`, 'EEXIST');
    const variables = [];
    for (const v of env.variables) {
      const value = v.secret && this.secrets ? await this.secrets.get(name, v.name) : v.value;
      variables.push({ ...v, ...(value !== undefined ? { value } : {}) });
    }
    const saved = await this.save({ name: newName, variables });
    await this.delete(name);
    return saved;
  }

  async delete(name: string): Promise<void> {
    const env = this.read(name);
    for (const v of env.variables)
      if (v.secret && this.secrets) await this.secrets.delete(name, v.name);
    removeFile(envFile(this.root, name));
    this.onChange(name, true);
  }

  /**
   * The variable values to substitute (enabled ones only), secrets resolved from the store.
   * `secretValues` lists the resolved secrets so a caller can redact them from anything it keeps.
   */
  async resolve(
    name: string,
  ): Promise<{ values: Map<string, string>; secretValues: Map<string, string> }> {
    const env = this.read(name);
    const values = new Map<string, string>();
    const secretValues = new Map<string, string>();
    for (const v of env.variables) {
      if (v.enabled === false) continue;
      if (v.secret) {
        const value = this.secrets ? await this.secrets.get(name, v.name) : undefined;
        if (value !== undefined) {
          values.set(v.name, value);
          secretValues.set(v.name, value);
        }
      } else if (v.value !== undefined) {
        values.set(v.name, v.value);
      }
    }
    return { values, secretValues };
  }
}

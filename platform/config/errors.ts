import type { ZodError } from 'zod';

/** A setting that stops start-up; the message names the key and what is wrong with it. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function describeZodIssues(error: ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return `${key || '(root)'}: ${issue.message}`;
  });
}

// The prompt layer of `engagements new`: the few kinds of question it asks, answered on
// the process's terminal with @inquirer/prompts.
import { checkbox, confirm, input, search, select } from '@inquirer/prompts';
import type { Io } from '../io.js';

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

export interface Prompter {
  /** Whether questions can be asked: stdin and stdout are terminals. */
  available(io: Io): boolean;
  input(config: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T>(config: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  /** Choices recomputed as the person types (completion). */
  search<T>(config: { message: string; source: (typed: string | undefined) => Choice<T>[] }): Promise<T>;
  checkbox<T>(config: { message: string; choices: Choice<T>[] }): Promise<T[]>;
  confirm(config: { message: string; default?: boolean }): Promise<boolean>;
}

const PAGE_SIZE = 12;

export const inquirerPrompter: Prompter = {
  available: (io) => process.stdin.isTTY === true && io.stdout.isTTY === true,
  input: (config) => input({ message: config.message, ...(config.default !== undefined ? { default: config.default } : {}), ...(config.validate ? { validate: config.validate } : {}) }),
  select: (config) => select({ message: config.message, choices: config.choices, pageSize: PAGE_SIZE, ...(config.default !== undefined ? { default: config.default } : {}) }),
  search: (config) => search({ message: config.message, source: (typed) => config.source(typed), pageSize: PAGE_SIZE }),
  checkbox: (config) => checkbox({ message: config.message, choices: config.choices, pageSize: PAGE_SIZE }),
  confirm: (config) => confirm({ message: config.message, ...(config.default !== undefined ? { default: config.default } : {}) }),
};

/** Whether an error is the person leaving the questions (Ctrl+C, Ctrl+D). */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

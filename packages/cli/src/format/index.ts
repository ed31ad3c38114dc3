import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderPretty } from './pretty.js';
import type { Renderer } from './renderer.js';

/** Every output format by name; `pretty` is the default. */
export const formats = {
  pretty: renderPretty,
  json: renderJson,
  github: renderGithub,
} as const satisfies Record<string, Renderer>;

export type FormatName = keyof typeof formats;
export const FORMAT_NAMES = Object.keys(formats) as FormatName[];

export type { Renderer, RenderOptions } from './renderer.js';
export { renderGithub, renderJson, renderPretty };

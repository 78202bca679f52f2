/**
 * How the residents' rich menus are found on LINE: `npm run line:richmenu` publishes one menu per
 * language and names each by an alias, which the worker looks up to link a resident's chat to the
 * menu of their language, with no database of menu ids (LINE's ids change on every publication).
 */

/** Alias of a language's menu, e.g. `yorisoi-vi`, `yorisoi-zh-hans` (LINE: `^[a-z0-9_-]{1,32}$`). */
export const richMenuAliasId = (language: string) => `yorisoi-${language.toLowerCase()}`;

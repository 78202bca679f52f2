import fs from 'node:fs';
import type { Plugin } from 'vite';

/**
 * react-admin 5.15 hands MUI 9 props it no longer takes, which then reach a DOM element and make React
 * warn on every page with such an input:
 * - ResettableTextField (behind every TextInput) passes both `slotProps.input` and the removed
 *   `InputProps`; the slot props carry the same values, so the duplicate is dropped;
 * - BooleanInput passes `inputRef` to FormControlLabel; it is dropped (only focusing the switch on a
 *   validation error is lost).
 * Done at build time, in the bundle (vite build) and in the dependency pre-bundle (vite dev). Remove
 * this file once react-admin stops passing them under MUI 6+.
 */
const PATCHES: { file: RegExp; from: string; to: string }[] = [
  { file: /ra-ui-materialui[\\/]dist[\\/]input[\\/]ResettableTextField\.js$/, from: 'InputProps: inputProps,', to: '...(muiMajor >= 6 ? {} : { InputProps: inputProps }),' },
  { file: /ra-ui-materialui[\\/]dist[\\/]input[\\/]BooleanInput\.js$/, from: 'React.createElement(FormControlLabel, { inputRef: field.ref, ', to: 'React.createElement(FormControlLabel, { ' },
];
const FILE = new RegExp(PATCHES.map((p) => p.file.source).join('|'));
const applyPatches = (code: string, id: string) => PATCHES.filter((p) => p.file.test(id)).reduce((c, p) => c.replace(p.from, p.to), code);

export function reactAdminMui9Compat(): Plugin {
  return {
    name: 'react-admin-mui9-compat',
    enforce: 'pre',
    transform(code, id) {
      return FILE.test(id) ? applyPatches(code, id) : undefined;
    },
  };
}

/** The same change for esbuild, which pre-bundles dependencies for the dev server. */
export const reactAdminMui9CompatEsbuild = {
  name: 'react-admin-mui9-compat',
  setup(build: { onLoad(options: { filter: RegExp }, load: (args: { path: string }) => { contents: string; loader: 'js' }): void }) {
    build.onLoad({ filter: FILE }, (args) => ({ contents: applyPatches(fs.readFileSync(args.path, 'utf8'), args.path), loader: 'js' }));
  },
};

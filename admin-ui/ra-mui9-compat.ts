import fs from 'node:fs';
import type { Plugin } from 'vite';

/**
 * react-admin 5.15's ResettableTextField (behind every TextInput) hands MUI's TextField both
 * `slotProps.input` and the `InputProps` that MUI 9 removed; the latter then reaches a <div> and
 * React warns about it on every page with an input. The slot props carry the same values, so the
 * duplicate is dropped at build time, in the bundle (vite build) and in the dependency pre-bundle
 * (vite dev). Remove this file once react-admin stops passing `InputProps` under MUI 6+.
 */
const FILE = /ra-ui-materialui[\\/]dist[\\/]input[\\/]ResettableTextField\.js$/;
const PASSED = 'InputProps: inputProps,';
const dropDuplicate = (code: string) => code.replace(PASSED, '...(muiMajor >= 6 ? {} : { InputProps: inputProps }),');

export function reactAdminMui9Compat(): Plugin {
  return {
    name: 'react-admin-mui9-compat',
    enforce: 'pre',
    transform(code, id) {
      return FILE.test(id) ? dropDuplicate(code) : undefined;
    },
  };
}

/** The same change for esbuild, which pre-bundles dependencies for the dev server. */
export const reactAdminMui9CompatEsbuild = {
  name: 'react-admin-mui9-compat',
  setup(build: { onLoad(options: { filter: RegExp }, load: (args: { path: string }) => { contents: string; loader: 'js' }): void }) {
    build.onLoad({ filter: FILE }, (args) => ({ contents: dropDuplicate(fs.readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

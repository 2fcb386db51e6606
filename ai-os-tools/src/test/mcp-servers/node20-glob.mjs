// node --import ./node20-glob.mjs: the MCP conformance CLI (0.1.16) imports globSync from "fs",
// which Node 22 has and Node 20 (this project's floor) lacks. On Node 20 this hook rewrites that one
// import of the CLI's bundle to take globSync from the "glob" package instead; on newer Nodes it
// does nothing.
import fs from 'node:fs';
import { register } from 'node:module';

if (typeof fs.globSync !== 'function') {
  register('data:text/javascript,' + encodeURIComponent(`
    export async function load(url, context, nextLoad) {
      const loaded = await nextLoad(url, context);
      if (url.includes('/@modelcontextprotocol/conformance/dist/') && loaded.source) {
        const source = loaded.source.toString()
          .replace('globSync as o,', '')
          .replace('from"fs";', 'from"fs";import{globSync as o}from"glob";');
        return { ...loaded, source };
      }
      return loaded;
    }`));
}

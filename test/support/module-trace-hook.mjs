// Loaded with `node --import`: records every package a process imports (its first path segment
// under node_modules), and writes the list to MAJORDOME_MODULE_TRACE when the process exits.
import { register } from 'node:module';
import { writeFileSync } from 'node:fs';

const seen = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (name) => seen.add(name));
port1.unref();
register(
  'data:text/javascript,' +
    encodeURIComponent(`
      let port;
      export function initialize(data) { port = data.port; }
      export async function resolve(specifier, context, next) {
        const result = await next(specifier, context);
        const match = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url);
        if (match) port.postMessage(match[1]);
        return result;
      }
    `),
  { data: { port: port2 }, transferList: [port2] },
);
process.on('exit', () => {
  if (process.env.MAJORDOME_MODULE_TRACE) writeFileSync(process.env.MAJORDOME_MODULE_TRACE, [...seen].sort().join('\n'));
});

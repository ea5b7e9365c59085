// A module-resolution hook (node:module register) for the measured processes: it passes every file URL
// an `import` resolves to back to the process (loaded-packages.ts), so the environment can say which
// version of every ESM library was really loaded. CommonJS modules are read from require's cache there.
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.includes('/node_modules/')) port?.postMessage(result.url);
  return result;
}

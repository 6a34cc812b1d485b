// <base>@vite/env: user `define` values that are not `import.meta.env.*`, as globals.
const defines = __DEFINES__;
for (const key of Object.keys(defines)) {
  const segments = key.split(".");
  let target = globalThis;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (i === segments.length - 1) target[segment] = defines[key];
    else target = target[segment] || (target[segment] = {});
  }
}

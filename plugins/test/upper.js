// A well-behaved plugin for tests: upper-cases `.txt` files into modules, and shouts in
// `.shout.js` modules below a line of its own, with a source map back to the original.
export default {
  name: 'test-upper',
  transform(code, id) {
    if (id.endsWith('.shout.js')) {
      const lines = code.split('\n').length
      const mappings = ';AAAA' + ';AACA'.repeat(lines - 1)
      return {
        code: '// shouted by test-upper\n' + code.replace(/hello/g, 'HELLO'),
        map: { version: 3, sources: [id], names: [], mappings },
      }
    }
    if (!id.endsWith('.txt')) return null
    return `export default ${JSON.stringify(code.toUpperCase())}`
  },
}

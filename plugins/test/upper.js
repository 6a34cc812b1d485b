// A well-behaved plugin for tests: marks every module it transforms.
export default {
  name: 'test-upper',
  transform(code, id) {
    if (!id.endsWith('.txt')) return null
    return `export default ${JSON.stringify(code.toUpperCase())}`
  },
}

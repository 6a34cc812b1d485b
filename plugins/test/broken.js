// A hostile plugin: returns code that is not JavaScript, and throws on `.boom` files.
export default {
  name: 'test-broken',
  transform(code, id) {
    if (id.endsWith('.boom')) throw new Error('boom: refused ' + id)
    if (!id.endsWith('.broken')) return null
    return 'export default = = ;'
  },
}

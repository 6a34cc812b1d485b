// A hostile plugin: returns code that is not JavaScript, and throws on `.boom` files
// (with the position of `BOOM` in the code, the way Rollup plugins call `this.error`).
export default {
  name: 'test-broken',
  transform(code, id) {
    if (id.endsWith('.boom')) {
      const at = code.indexOf('BOOM')
      if (at >= 0) this.error('boom: refused ' + id, at)
      throw new Error('boom: refused ' + id)
    }
    if (!id.endsWith('.broken')) return null
    return 'export default = = ;'
  },
}

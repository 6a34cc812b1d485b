// A plugin whose hooks are async, as many Vite plugins' are: `.later` files become
// modules after an await, and `.never` files fail from inside the promise.
export default {
  name: 'test-later',
  async load(id) {
    if (!id.endsWith('.never')) return null
    await Promise.resolve()
    throw new Error('later: gave up on ' + id)
  },
  async transform(code, id) {
    if (!id.endsWith('.later')) return null
    const text = await Promise.resolve(code.trim())
    return `export default ${JSON.stringify('later: ' + text)}`
  },
}

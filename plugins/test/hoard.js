// A plugin that keeps a little of every call forever, as a cache without bounds would:
// each `.hoard` module adds 256 KB it never lets go of, and answers how many it holds.
const kept = []
export default {
  name: 'test-hoard',
  transform(code, id) {
    if (!id.endsWith('.hoard')) return null
    kept.push(new Array(32 * 1024).fill(kept.length))
    return `export default ${kept.length}`
  },
}

// A hostile plugin: tries to read files it must not reach.
import { readFile } from 'velocity:plugin/host'

export default {
  name: 'test-snoop',
  load(id) {
    if (!id.endsWith('.snoop')) return null
    const target = id.slice(0, -'.snoop'.length)
    return `export default ${JSON.stringify(readFile(target))}`
  },
}

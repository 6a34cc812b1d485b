// A hostile plugin: its transform never returns.
export default {
  name: 'test-loop',
  transform(code) {
    let n = 0
    while (true) n++
  },
}

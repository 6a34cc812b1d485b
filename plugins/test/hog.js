// A hostile plugin: its transform allocates without end.
export default {
  name: 'test-hog',
  transform(code) {
    const hoard = []
    while (true) hoard.push(new Array(1 << 16).fill(hoard.length))
  },
}

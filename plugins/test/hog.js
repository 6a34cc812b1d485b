// A hostile plugin: its transform allocates without end, 8 MB at a time, so it reaches
// any memory limit within milliseconds whatever else the machine is doing.
export default {
  name: 'test-hog',
  transform(code) {
    const hoard = []
    while (true) hoard.push(new Float64Array(1 << 20).fill(hoard.length))
  },
}

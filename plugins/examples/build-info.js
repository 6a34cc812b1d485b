// `import info from 'virtual:build-info'`: facts about the build, as a virtual module.
export default function buildInfo(options = {}) {
  return {
    name: 'velocity-build-info',
    resolveId(id) {
      if (id === 'virtual:build-info') return '\0virtual:build-info'
      return null
    },
    load(id) {
      if (id !== '\0virtual:build-info') return null
      const info = { builder: 'velocity', label: options.label ?? 'preview', plugins: 'wasm components' }
      return `export default ${JSON.stringify(info)}`
    },
  }
}

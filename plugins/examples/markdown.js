// Markdown files as React components: `import Doc from './README.md'` renders the
// document. A small converter (headings, paragraphs, emphasis, code, lists, links) keeps
// the plugin a single module with no dependencies.
function escape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function inline(s) {
  return escape(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, text, href) =>
      /^(https?:|\/|#|\.)/.test(href) ? `<a href="${href}">${text}</a>` : text)
}

function markdownToHtml(md) {
  const out = []
  let list = null
  let para = []
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`)
    para = []
    if (list) out.push(`<ul>${list.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`)
    list = null
  }
  const lines = md.replace(/\r\n/g, '\n').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.startsWith('```')) {
      flush()
      const code = []
      while (++i < lines.length && !lines[i].startsWith('```')) code.push(lines[i])
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`)
      continue
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line)
    if (h) {
      flush()
      out.push(`<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`)
    } else if (/^\s*[-*]\s+/.test(line)) {
      if (para.length) flush()
      ;(list ??= []).push(line.replace(/^\s*[-*]\s+/, ''))
    } else if (line.trim() === '') {
      flush()
    } else {
      para.push(line.trim())
    }
  }
  flush()
  return out.join('\n')
}

export default {
  name: 'velocity-markdown',
  transform: {
    filter: { id: '**/*.md' },
    handler(code, id) {
      if (!id.split('?')[0].endsWith('.md')) return null
      const html = JSON.stringify(markdownToHtml(code))
      return `import { createElement } from 'react'
const html = ${html}
export default function Markdown(props) {
  return createElement('div', { ...props, className: 'markdown', dangerouslySetInnerHTML: { __html: html } })
}

`
    },
  },
}

import { useState, useEffect, useMemo, useCallback, type ReactNode } from 'react'
import { Card } from '@/components/Card'
import styles from './Dashboard.module.css'
import data from './data.json'

export interface Item { id: number; title: string; done: boolean; tags: string[] }
type Filter = 'all' | 'open' | 'done'

function Row0({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row1({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row2({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row3({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row4({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row5({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row6({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row7({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row8({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row9({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row10({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row11({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row12({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row13({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

export default function Dashboard({ title, children }: { title: string; children?: ReactNode }) {
  const [items, setItems] = useState<Item[]>(data.items as Item[])
  const [filter, setFilter] = useState<Filter>('all')
  useEffect(() => {
    document.title = `${title} - ${items.length}`
  }, [title, items.length])
  const toggle = useCallback((id: number) => {
    setItems((xs) => xs.map((x) => (x.id === id ? { ...x, done: !x.done } : x)))
  }, [])
  const visible = items.filter((x) => filter === 'all' || (filter === 'done') === x.done)
  return (
    <Card title={title}>
      <nav>
        {(['all', 'open', 'done'] as Filter[]).map((f) => (
          <button key={f} onClick={() => setFilter(f)} disabled={f === filter}>{f}</button>
        ))}
      </nav>
      <ul>
        {visible.map((item) => <Row0 key={item.id} item={item} onToggle={toggle} />)}
      </ul>
      {children}
    </Card>
  )
}

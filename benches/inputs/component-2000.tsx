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

function Row14({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row15({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row16({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row17({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row18({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row19({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row20({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row21({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row22({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row23({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row24({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row25({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row26({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row27({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row28({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row29({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row30({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row31({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row32({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row33({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row34({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row35({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row36({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row37({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row38({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row39({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row40({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row41({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row42({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row43({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row44({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row45({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row46({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row47({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row48({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row49({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row50({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row51({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row52({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row53({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row54({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row55({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row56({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row57({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row58({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row59({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row60({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row61({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row62({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row63({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row64({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row65({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row66({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row67({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row68({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row69({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row70({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row71({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row72({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row73({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row74({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row75({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row76({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row77({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row78({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row79({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row80({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row81({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row82({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row83({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row84({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row85({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row86({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row87({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row88({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row89({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row90({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row91({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row92({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row93({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row94({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row95({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row96({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row97({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row98({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row99({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row100({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row101({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row102({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row103({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row104({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row105({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row106({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row107({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row108({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row109({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row110({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row111({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row112({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row113({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row114({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row115({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row116({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row117({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row118({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row119({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row120({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row121({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row122({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row123({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row124({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row125({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row126({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row127({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row128({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row129({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row130({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row131({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row132({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row133({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row134({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row135({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row136({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row137({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row138({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row139({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row140({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row141({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row142({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row143({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row144({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row145({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row146({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row147({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row148({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row149({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row150({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row151({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row152({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row153({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row154({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row155({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row156({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row157({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row158({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row159({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row160({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row161({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row162({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row163({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row164({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row165({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row166({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row167({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row168({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row169({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row170({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row171({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row172({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row173({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row174({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row175({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row176({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

function Row177({ item, onToggle }: { item: Item; onToggle: (id: number) => void }) {
  const [hover, setHover] = useState<boolean>(false)
  const label = useMemo(() => `${item.title} (${item.tags.join(', ')})`, [item])
  return (
    <li className={hover ? styles.hover : styles.row} onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <input type="checkbox" checked={item.done} onChange={() => onToggle(item.id)} />
      <span>{label}</span>
    </li>
  )
}

export default function BigDashboard({ title, children }: { title: string; children?: ReactNode }) {
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

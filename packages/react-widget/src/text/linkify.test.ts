import { describe, expect, it } from 'vitest'
import { linkify } from './linkify.js'

describe('linkify', () => {
  it('turns http, https and mailto addresses into links', () => {
    expect(
      linkify(
        'see https://a.example/x?y=1, http://b.example or mailto:me@c.example',
      ),
    ).toEqual([
      { kind: 'text', text: 'see ' },
      {
        kind: 'link',
        text: 'https://a.example/x?y=1',
        href: 'https://a.example/x?y=1',
      },
      { kind: 'text', text: ', ' },
      { kind: 'link', text: 'http://b.example', href: 'http://b.example/' },
      { kind: 'text', text: ' or ' },
      {
        kind: 'link',
        text: 'mailto:me@c.example',
        href: 'mailto:me@c.example',
      },
    ])
  })

  it('never makes a link of other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ]) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }])
    }
  })

  it('leaves sentence punctuation out of the link', () => {
    expect(linkify('go to https://a.example.')).toEqual([
      { kind: 'text', text: 'go to ' },
      { kind: 'link', text: 'https://a.example', href: 'https://a.example/' },
      { kind: 'text', text: '.' },
    ])
  })

  it('does not let a javascript: address hide behind an http prefix', () => {
    const parts = linkify('https://javascript:alert(1)')
    for (const part of parts) {
      if (part.kind === 'link') expect(part.href).toMatch(/^https:/)
    }
  })
})

import { act, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeChatServer } from '../../test/support/fake-chat-server.js'
import { renderChat } from '../../test/support/render-chat.js'
import { Composer } from './Composer.js'
import { MessageList } from './MessageList.js'

let server: FakeChatServer

beforeEach(() => {
  server = new FakeChatServer()
  server.room('lobby', ['me', 'ana', 'bo'])
})

function list(): HTMLElement {
  return screen.getByRole('list', { name: 'Messages' })
}

function items(): string[] {
  return within(list())
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '')
}

describe('MessageList', () => {
  it('shows the author once per run of messages and the day above them', async () => {
    const at = Date.now() - 60_000
    server.post('lobby', 'ana', 'first', { at })
    server.post('lobby', 'ana', 'second', { at: at + 1_000 })
    server.post('lobby', 'bo', 'third', { at: at + 2_000 })

    renderChat(server, <MessageList roomId="lobby" />)

    await screen.findByText('third')
    expect(screen.getByText('Today')).toBeTruthy()
    expect(screen.getAllByText('ana')).toHaveLength(1)
    expect(screen.getAllByText('bo')).toHaveLength(1)
  })

  it('shows a message sent offline as sending, then as sent once connected', async () => {
    const { client } = renderChat(
      server,
      <>
        <MessageList roomId="lobby" />
        <Composer roomId="lobby" />
      </>,
      { connect: false },
    )
    const user = userEvent.setup()

    await user.type(
      screen.getByRole('textbox', { name: 'Message' }),
      'hi{Enter}',
    )
    const pending = await screen.findByText('hi')
    expect(pending.closest('li')?.textContent).toContain('Sending…')

    await act(() => client.connect())
    await waitFor(() => expect(server.count('send')).toBe(1))
    await waitFor(() =>
      expect(screen.getByText('hi').closest('li')?.textContent).not.toContain(
        'Sending…',
      ),
    )
    expect(screen.getByText('You')).toBeTruthy()
  })

  it('marks a refused message as not sent and sends it again on Retry', async () => {
    server.refuseSends = 'forbidden'
    renderChat(
      server,
      <>
        <MessageList roomId="lobby" />
        <Composer roomId="lobby" />
      </>,
    )
    const user = userEvent.setup()

    await user.type(
      screen.getByRole('textbox', { name: 'Message' }),
      'try me{Enter}',
    )
    const retry = await screen.findByRole('button', { name: 'Retry' })
    expect(retry.closest('li')?.textContent).toContain('Not sent')

    server.refuseSends = undefined
    await user.click(retry)
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull(),
    )
    expect(screen.getByText('try me').closest('li')?.textContent).toContain(
      'You',
    )
    expect(server.count('send')).toBe(2)
  })

  it('drops a failed message on Discard', async () => {
    server.refuseSends = 'forbidden'
    renderChat(
      server,
      <>
        <MessageList roomId="lobby" />
        <Composer roomId="lobby" />
      </>,
    )
    const user = userEvent.setup()
    await user.type(
      screen.getByRole('textbox', { name: 'Message' }),
      'no{Enter}',
    )

    await user.click(await screen.findByRole('button', { name: 'Discard' }))
    await waitFor(() => expect(screen.queryByText('no')).toBeNull())
  })

  it('shows edits as edited, deletions as deleted, and reactions with counts', async () => {
    const edited = server.post('lobby', 'ana', 'typo')
    const removed = server.post('lobby', 'ana', 'oops')
    const liked = server.post('lobby', 'bo', 'nice')
    server.apply('lobby', {
      kind: 'edit',
      user: 'ana',
      target: edited.id,
      text: 'fixed',
    })
    server.apply('lobby', { kind: 'delete', user: 'ana', target: removed.id })
    server.apply('lobby', {
      kind: 'reaction',
      user: 'ana',
      target: liked.id,
      emoji: '🎉',
      on: true,
    })

    renderChat(server, <MessageList roomId="lobby" />)

    const fixed = await screen.findByText('fixed')
    expect(fixed.closest('li')?.textContent).toContain('(edited)')
    expect(screen.queryByText('oops')).toBeNull()
    expect(screen.getByText('Message deleted')).toBeTruthy()
    const chip = screen.getByRole('button', {
      name: '🎉 1, toggle your reaction',
    })
    expect(chip.getAttribute('aria-pressed')).toBe('false')

    await userEvent.setup().click(chip)
    await waitFor(() =>
      expect(
        screen
          .getByRole('button', { name: '🎉 2, toggle your reaction' })
          .getAttribute('aria-pressed'),
      ).toBe('true'),
    )
  })

  it('shows which message a reply answers', async () => {
    const question = server.post('lobby', 'ana', 'where is my order?')
    server.post('lobby', 'bo', 'on its way', { parent: question.id })

    renderChat(server, <MessageList roomId="lobby" />)

    expect(
      await screen.findByText('Replying to ana: where is my order?'),
    ).toBeTruthy()
  })

  it('puts the new-messages marker before the first unread message', async () => {
    for (const text of ['one', 'two', 'three', 'four']) {
      server.post('lobby', 'ana', text)
    }
    server.markRead('lobby', 'me', 2)

    renderChat(server, <MessageList roomId="lobby" />)

    await screen.findByText('New messages')
    const texts = items()
    expect(texts.indexOf('New messages')).toBe(
      texts.findIndex((text) => text.includes('three')) - 1,
    )
  })

  it('loads older messages at the top and keeps the visible ones in place', async () => {
    for (let i = 1; i <= 30; i++) server.post('lobby', 'ana', `message ${i}`)
    renderChat(server, <MessageList roomId="lobby" />)
    await screen.findByText('message 30')
    expect(screen.queryByText('message 10')).toBeNull()

    // jsdom has no layout: every item is 20px high, the view 200px.
    const element = list()
    Object.defineProperty(element, 'clientHeight', { value: 200 })
    Object.defineProperty(element, 'scrollHeight', {
      get: () => element.children.length * 20,
    })
    const before = element.scrollHeight
    element.scrollTop = 10
    element.dispatchEvent(new Event('scroll'))

    await screen.findByText('message 10')
    await waitFor(() =>
      expect(element.scrollTop).toBe(element.scrollHeight - before + 10),
    )
    expect(element.scrollHeight).toBeGreaterThan(before)
  })

  it('stays put while reading back, and jumps to the bottom on sending', async () => {
    for (let i = 1; i <= 10; i++) server.post('lobby', 'ana', `message ${i}`)
    renderChat(
      server,
      <>
        <MessageList roomId="lobby" />
        <Composer roomId="lobby" />
      </>,
    )
    await screen.findByText('message 10')
    const element = list()
    Object.defineProperty(element, 'clientHeight', { value: 100 })
    Object.defineProperty(element, 'scrollHeight', {
      get: () => element.children.length * 20,
    })
    element.scrollTop = 60
    element.dispatchEvent(new Event('scroll'))

    act(() => {
      server.post('lobby', 'ana', 'while reading')
    })
    await screen.findByText('while reading')
    expect(element.scrollTop).toBe(60)

    await userEvent
      .setup()
      .type(screen.getByRole('textbox', { name: 'Message' }), 'mine{Enter}')
    await screen.findByText('mine')
    expect(element.scrollTop).toBe(element.scrollHeight)
  })

  it('loads older messages with the button too, for keyboard users', async () => {
    for (let i = 1; i <= 25; i++) server.post('lobby', 'ana', `message ${i}`)
    renderChat(server, <MessageList roomId="lobby" />)

    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Load older messages' }))

    expect(await screen.findByText('message 1')).toBeTruthy()
    expect(
      screen.queryByRole('button', { name: 'Load older messages' }),
    ).toBeNull()
  })

  it('renders markup in messages as text and links only safe addresses', async () => {
    server.post('lobby', 'ana', '<img src=x onerror=alert(1)> <b>bold</b>')
    server.post('lobby', 'ana', 'javascript:alert(1)')
    server.post('lobby', 'ana', 'docs at https://example.com/a?b=<c>')

    const { container } = renderChat(server, <MessageList roomId="lobby" />)

    expect(
      await screen.findByText('<img src=x onerror=alert(1)> <b>bold</b>'),
    ).toBeTruthy()
    expect(container.querySelector('img, b')).toBeNull()
    expect(screen.getByText('javascript:alert(1)').tagName).not.toBe('A')
    const links = container.querySelectorAll('a')
    expect(links).toHaveLength(1)
    const link = links[0]!
    expect(link.getAttribute('href')).toBe('https://example.com/a?b=')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(link.getAttribute('target')).toBe('_blank')
  })

  it('announces messages from others that arrive while it is shown', async () => {
    server.post('lobby', 'ana', 'already here')
    renderChat(server, <MessageList roomId="lobby" />)
    await screen.findByText('already here')
    const live = screen.getByRole('status')
    expect(live.textContent).toBe('')

    act(() => {
      server.post('lobby', 'bo', 'fresh news')
    })

    await waitFor(() => expect(live.textContent).toBe('bo: fresh news'))
  })

  it('marks the room read when the newest message is in view', async () => {
    server.post('lobby', 'ana', 'read me')
    renderChat(server, <MessageList roomId="lobby" />)

    await screen.findByText('read me')
    await waitFor(() => expect(server.count('read')).toBe(1))
  })

  it('waits for the tab to be visible before marking messages read', async () => {
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true)
    server.post('lobby', 'ana', 'seen later')
    renderChat(server, <MessageList roomId="lobby" />)
    await screen.findByText('seen later')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.count('read')).toBe(0)

    hidden.mockReturnValue(false)
    document.dispatchEvent(new Event('visibilitychange'))

    await waitFor(() => expect(server.count('read')).toBe(1))
    hidden.mockRestore()
  })
})

import { act, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { FakeChatServer } from '../../test/support/fake-chat-server.js'
import { renderChat } from '../../test/support/render-chat.js'
import { ChatWidget } from './ChatWidget.js'

let server: FakeChatServer

beforeEach(() => {
  server = new FakeChatServer()
  server.room('lobby', ['me', 'ana'], 'Lobby')
  server.room('support', ['me', 'ana'], 'Support')
  server.room('public', ['ana'], 'Public')
})

describe('ChatWidget', () => {
  it('moves focus into the panel on open and back to the launcher on Escape', async () => {
    renderChat(server, <ChatWidget rooms={['lobby']} />)
    const user = userEvent.setup()
    const launcher = screen.getByRole('button', { name: 'Open chat' })

    await user.click(launcher)
    const dialog = screen.getByRole('dialog', { name: 'Chat' })
    expect(document.activeElement).toBe(
      within(dialog).getByRole('textbox', { name: 'Message' }),
    )
    expect(launcher.getAttribute('aria-expanded')).toBe('true')

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(launcher)
    expect(launcher.getAttribute('aria-expanded')).toBe('false')
  })

  it('closes with the close button and can be used with the keyboard alone', async () => {
    renderChat(server, <ChatWidget rooms={['lobby']} />)
    const user = userEvent.setup()

    await user.tab()
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Open chat' }),
    )
    await user.keyboard('{Enter}')
    await user.keyboard('from the keyboard{Enter}')
    await waitFor(() => expect(server.count('send')).toBe(1))

    const dialog = screen.getByRole('dialog')
    await user.click(within(dialog).getByRole('button', { name: 'Close chat' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('lists rooms with unread badges and switches between them', async () => {
    server.post('support', 'ana', 'ticket 1')
    server.post('support', 'ana', 'ticket 2')
    renderChat(server, <ChatWidget rooms={['lobby']} />)
    const user = userEvent.setup()

    const launcher = await screen.findByRole('button', {
      name: 'Open chat, 2 unread',
    })
    await user.click(launcher)

    const rooms = screen.getByRole('navigation', { name: 'Conversations' })
    const support = within(rooms).getByRole('button', {
      name: 'Support, 2 unread',
    })
    expect(
      within(rooms)
        .getByRole('button', { name: 'Lobby' })
        .getAttribute('aria-current'),
    ).toBe('true')

    await user.click(support)
    expect(await screen.findByText('ticket 2')).toBeTruthy()
    await waitFor(() =>
      expect(
        within(rooms)
          .getByRole('button', { name: 'Support' })
          .getAttribute('aria-current'),
      ).toBe('true'),
    )
  })

  it('joins an offered public room the user is not in yet', async () => {
    server.post('public', 'ana', 'welcome, newcomer')
    renderChat(server, <ChatWidget rooms={['public']} defaultOpen />)

    expect(await screen.findByText('welcome, newcomer')).toBeTruthy()
    expect(server.count('join')).toBe(1)
  })

  it('joins again when the first join is lost to a dropped connection', async () => {
    server.post('public', 'ana', 'worth the wait')
    server.dropJoins = 1
    renderChat(server, <ChatWidget rooms={['public']} defaultOpen />)

    expect(await screen.findByText('worth the wait')).toBeTruthy()
    expect(server.count('join')).toBe(2)
  })

  it('sends again what was refused because the room was not joined yet', async () => {
    const { client } = renderChat(
      server,
      <ChatWidget rooms={['public']} defaultOpen />,
      { connect: false },
    )
    await userEvent
      .setup()
      .type(
        screen.getByRole('textbox', { name: 'Message' }),
        'early bird{Enter}',
      )

    // Online, the queued send goes out before the widget has joined.
    await act(() => client.connect())

    await waitFor(() =>
      expect(
        screen.getByText('early bird').closest('li')?.className,
      ).not.toContain('ac-pending'),
    )
    expect(server.count('join')).toBe(1)
    expect(server.count('send')).toBe(2)
  })

  it('uses replaced strings and the text direction it is given', async () => {
    const { container } = renderChat(
      server,
      <ChatWidget rooms={['lobby']} dir="rtl" defaultOpen />,
      {
        strings: {
          title: 'الدردشة',
          openChat: 'افتح الدردشة',
          closeChat: 'أغلق الدردشة',
          messageLabel: 'رسالة',
          send: 'إرسال',
        },
      },
    )

    expect(screen.getByRole('dialog', { name: 'الدردشة' })).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'رسالة' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'إرسال' })).toBeTruthy()
    expect(container.querySelector('.ac-root')?.getAttribute('dir')).toBe('rtl')
  })

  it('shows connection trouble in the header', async () => {
    const { client } = renderChat(server, <ChatWidget defaultOpen />)
    await waitFor(() => expect(client.status).toBe('online'))

    act(() => server.dropAll())

    expect(await screen.findByText('Reconnecting…')).toBeTruthy()
    await waitFor(() => expect(screen.queryByText('Reconnecting…')).toBeNull())
  })
})

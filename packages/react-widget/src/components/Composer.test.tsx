import { screen, waitFor } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { FakeChatServer } from '../../test/support/fake-chat-server.js'
import { renderChat } from '../../test/support/render-chat.js'
import { ChatRoom } from './ChatRoom.js'
import { Composer } from './Composer.js'

let server: FakeChatServer

beforeEach(() => {
  server = new FakeChatServer()
  server.room('lobby', ['me', 'ana'])
})

function sentTexts(): string[] {
  return server.received.flatMap((frame) =>
    frame.op === 'send' ? [frame.text] : [],
  )
}

describe('Composer', () => {
  it('sends on Enter and clears the box', async () => {
    renderChat(server, <Composer roomId="lobby" />)
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', {
      name: 'Message',
    })

    await userEvent.setup().type(box, 'hello{Enter}')

    await waitFor(() => expect(sentTexts()).toEqual(['hello']))
    expect(box.value).toBe('')
  })

  it('starts a new line on Shift+Enter instead of sending', async () => {
    renderChat(server, <Composer roomId="lobby" />)
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', {
      name: 'Message',
    })
    const user = userEvent.setup()

    await user.type(box, 'one{Shift>}{Enter}{/Shift}two')
    expect(box.value).toBe('one\ntwo')
    expect(sentTexts()).toEqual([])

    await user.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(sentTexts()).toEqual(['one\ntwo']))
  })

  it('sends nothing for blank text', async () => {
    renderChat(server, <Composer roomId="lobby" />)
    const box = screen.getByRole('textbox', { name: 'Message' })

    await userEvent.setup().type(box, '   {Enter}')

    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled,
    ).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sentTexts()).toEqual([])
  })

  it('signals typing once per throttle window, not on every keystroke', async () => {
    const { client } = renderChat(server, <Composer roomId="lobby" />)
    await waitFor(() => expect(client.status).toBe('online'))

    await userEvent
      .setup()
      .type(screen.getByRole('textbox', { name: 'Message' }), 'a long line')

    await waitFor(() => expect(server.count('typing')).toBe(1))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.count('typing')).toBe(1)
  })

  it('sends a reply with its parent and shows what it answers', async () => {
    const question = server.post('lobby', 'ana', 'anyone there?')
    renderChat(server, <ChatRoom roomId="lobby" />)
    const user = userEvent.setup()

    await screen.findByText('anyone there?')
    await user.click(screen.getByRole('button', { name: 'Reply' }))
    expect(screen.getByText('Replying to ana')).toBeTruthy()

    await user.type(
      screen.getByRole('textbox', { name: 'Message' }),
      'yes{Enter}',
    )

    await waitFor(() =>
      expect(server.received).toContainEqual(
        expect.objectContaining({
          op: 'send',
          text: 'yes',
          parent: question.id,
        }),
      ),
    )
    expect(screen.queryByText('Replying to ana')).toBeNull()
    expect(
      await screen.findByText('Replying to ana: anyone there?'),
    ).toBeTruthy()
  })
})

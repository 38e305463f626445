import type { EventDocument } from './event-document.js'
import { toggleReaction } from './reaction-list.js'

/** The fields of a message document that edits, deletes and reactions set. */
export type MessageState = Pick<
  EventDocument,
  'text' | 'editedAt' | 'deleted' | 'reactions' | 'appliedSeq'
>

export type MessageField = keyof MessageState

/**
 * Applies one edit, delete or reaction to a message's state, in place,
 * and returns the fields it set. Effects must come in seq order; one at
 * or below the message's `appliedSeq` was applied before and is skipped,
 * which is what makes a replayed effect harmless.
 */
export function applyEffect(
  state: MessageState,
  effect: EventDocument,
): MessageField[] {
  if (effect.kind === 'message' || effect.seq <= (state.appliedSeq ?? 0)) {
    return []
  }

  state.appliedSeq = effect.seq

  switch (effect.kind) {
    case 'edit':
      // An edit that arrives after the delete must not bring the text
      // back.
      if (state.deleted === true) {
        return ['appliedSeq']
      }

      state.text = effect.text ?? ''
      state.editedAt = effect.at
      return ['text', 'editedAt', 'appliedSeq']

    case 'delete':
      state.text = ''
      state.deleted = true
      return ['text', 'deleted', 'appliedSeq']

    case 'reaction':
      state.reactions = toggleReaction(
        state.reactions ?? [],
        effect.emoji ?? '',
        effect.user,
        effect.on === true,
      )
      return ['reactions', 'appliedSeq']
  }
}

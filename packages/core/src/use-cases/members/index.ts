import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type AddMemberInput, addMember } from './add-member.js'

/** `roster.members`: the org's directory (A1–A14, O2). */
export function membersApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc addMember} */
    add: (actor: Actor, input: AddMemberInput) => addMember(ctx, actor, input),
  }
}

export type MembersApi = ReturnType<typeof membersApi>

import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import type { MemberView } from '../../domain/member-view.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { loadMemberView } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const GetMemberInput = z.object({ orgId: Id, accountId: Id })
export type GetMemberInput = z.input<typeof GetMemberInput>
export type GetMemberError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * One member's profile as the directory shows it (`members:read`), with the actions the calling
 * actor may take on them. `NOT_FOUND` (entity `member`) when the person is not a member of this
 * org — also when they are a member elsewhere (X3).
 *
 * @example
 * const member = await roster.members.get(admin, { orgId, accountId })
 * if (member.isOk() && member.value.allowedActions.includes('disable')) showDisableButton()
 */
export function getMember(
  ctx: RosterContext,
  actor: Actor,
  input: GetMemberInput,
): ResultAsync<MemberView, GetMemberError> {
  return runUseCase<MemberView, GetMemberError>(async () => {
    const parsed = parseInput(GetMemberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId } = parsed.value
    const access = await authorize(ctx.storage, actor, orgId, 'members:read')
    if (access.isErr()) return err(access.error)
    return loadMemberView(ctx, ctx.storage, access.value, accountId)
  })
}

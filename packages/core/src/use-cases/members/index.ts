import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type AcceptInvitationInput, acceptInvitation } from './accept-invitation.js'
import { type AddManyMembersInput, addManyMembers } from './add-many-members.js'
import { type AddMemberInput, addMember } from './add-member.js'
import { type DeclineInvitationInput, declineInvitation } from './decline-invitation.js'
import { type DisableMemberInput, disableMember } from './disable-member.js'
import { type EnableMemberInput, enableMember } from './enable-member.js'
import { type GetMemberInput, getMember } from './get-member.js'
import { type LeaveOrgInput, leaveOrg } from './leave-org.js'
import { type ListMembersInput, listMembers } from './list-members.js'
import { type RemoveMemberInput, removeMember } from './remove-member.js'
import { type UpdateMemberInput, updateMember } from './update-member.js'

/** `roster.members`: the org's directory (A1–A14, A17, O2). */
export function membersApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc addMember} */
    add: (actor: Actor, input: AddMemberInput) => addMember(ctx, actor, input),
    /** {@inheritDoc addManyMembers} */
    addMany: (actor: Actor, input: AddManyMembersInput) => addManyMembers(ctx, actor, input),
    /** {@inheritDoc getMember} */
    get: (actor: Actor, input: GetMemberInput) => getMember(ctx, actor, input),
    /** {@inheritDoc listMembers} */
    list: (actor: Actor, input: ListMembersInput) => listMembers(ctx, actor, input),
    /** {@inheritDoc updateMember} */
    update: (actor: Actor, input: UpdateMemberInput) => updateMember(ctx, actor, input),
    /** {@inheritDoc disableMember} */
    disable: (actor: Actor, input: DisableMemberInput) => disableMember(ctx, actor, input),
    /** {@inheritDoc enableMember} */
    enable: (actor: Actor, input: EnableMemberInput) => enableMember(ctx, actor, input),
    /** {@inheritDoc removeMember} */
    remove: (actor: Actor, input: RemoveMemberInput) => removeMember(ctx, actor, input),
    /** {@inheritDoc leaveOrg} */
    leave: (actor: Actor, input: LeaveOrgInput) => leaveOrg(ctx, actor, input),
    /** {@inheritDoc acceptInvitation} */
    acceptInvitation: (actor: Actor, input: AcceptInvitationInput) => acceptInvitation(ctx, actor, input),
    /** {@inheritDoc declineInvitation} */
    declineInvitation: (actor: Actor, input: DeclineInvitationInput) => declineInvitation(ctx, actor, input),
  }
}

export type MembersApi = ReturnType<typeof membersApi>

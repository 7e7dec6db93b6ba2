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
    /**
     * Adds a staff member or guest to an org (A1–A4, A11, A2b, A16).
     * @see `addMember` in `use-cases/members/add-member.ts` for the rules it implements and an example.
     */
    add: (actor: Actor, input: AddMemberInput) => addMember(ctx, actor, input),
    /**
     * Adds many people in one call — a CSV import, or a form's "save and add another" (A14).
     * @see `addManyMembers` in `use-cases/members/add-many-members.ts` for the rules it implements and an example.
     */
    addMany: (actor: Actor, input: AddManyMembersInput) => addManyMembers(ctx, actor, input),
    /**
     * One member's profile as the directory shows it (`members:read`), with the actions the calling actor may
     * take on them.
     * @see `getMember` in `use-cases/members/get-member.ts` for the rules it implements and an example.
     */
    get: (actor: Actor, input: GetMemberInput) => getMember(ctx, actor, input),
    /**
     * A page of the org's member directory (`members:read`), ordered by when each person joined, filtered by
     * search text, status, type, department, role or license completeness (L7).
     * @see `listMembers` in `use-cases/members/list-members.ts` for the rules it implements and an example.
     */
    list: (actor: Actor, input: ListMembersInput) => listMembers(ctx, actor, input),
    /**
     * Edits a member: membership fields (department, title, type) with `members:update`, and account fields
     * (names, email, username, phone, language) under A17 — an org admin edits them only while the account
     * belongs to no other org (otherwise `FORBIDDEN`, saying why); the person themself and the system actor
     * always may.
     * @see `updateMember` in `use-cases/members/update-member.ts` for the rules it implements and an example.
     */
    update: (actor: Actor, input: UpdateMemberInput) => updateMember(ctx, actor, input),
    /**
     * Disables an active membership (A12, `members:update`): the person can no longer act in this org, but
     * keeps their roles, seats and numbers so `enable` restores everything.
     * @see `disableMember` in `use-cases/members/disable-member.ts` for the rules it implements and an example.
     */
    disable: (actor: Actor, input: DisableMemberInput) => disableMember(ctx, actor, input),
    /**
     * Re-enables a disabled membership (A12, `members:update`): the person acts in the org again with the
     * roles, seats and numbers they had.
     * @see `enableMember` in `use-cases/members/enable-member.ts` for the rules it implements and an example.
     */
    enable: (actor: Actor, input: EnableMemberInput) => enableMember(ctx, actor, input),
    /**
     * Removes a member (A13, `members:delete`): the membership goes with its role assignments, seats and
     * numbers (storage frees them in the same transaction).
     * @see `removeMember` in `use-cases/members/remove-member.ts` for the rules it implements and an example.
     */
    remove: (actor: Actor, input: RemoveMemberInput) => removeMember(ctx, actor, input),
    /**
     * The signed-in person leaves an org: their membership goes with its roles, seats and numbers.
     * @see `leaveOrg` in `use-cases/members/leave-org.ts` for the rules it implements and an example.
     */
    leave: (actor: Actor, input: LeaveOrgInput) => leaveOrg(ctx, actor, input),
    /**
     * The signed-in person accepts an invitation (A2b): their `invited` membership becomes `active`.
     * @see `acceptInvitation` in `use-cases/members/accept-invitation.ts` for the rules it implements and an example.
     */
    acceptInvitation: (actor: Actor, input: AcceptInvitationInput) => acceptInvitation(ctx, actor, input),
    /**
     * The signed-in person declines an invitation (A2b): the `invited` membership is removed with its roles.
     * @see `declineInvitation` in `use-cases/members/decline-invitation.ts` for the rules it implements and an example.
     */
    declineInvitation: (actor: Actor, input: DeclineInvitationInput) => declineInvitation(ctx, actor, input),
  }
}

export type MembersApi = ReturnType<typeof membersApi>

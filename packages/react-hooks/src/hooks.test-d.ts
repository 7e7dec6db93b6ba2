// Type tests, checked by `pnpm typecheck` (tsc over every package's src): a wrong type here fails
// the build, and each `@ts-expect-error` fails it too if the error it expects goes away.
import type { MemberView, RosterError } from '@roster/core'
import type { TransportErrorCode } from '@roster/core/http'
import { expectTypeOf } from 'vitest'
import {
  type RosterMutationHookOptions,
  type RosterUseCase,
  type useActivate,
  useAddMember,
} from './index.js'

type AddMember = RosterUseCase<'members', 'add'>

// Mutation hooks accept TanStack's options, typed by the use-case: `onSuccess` gets the value.
expectTypeOf(useAddMember).parameter(0).toEqualTypeOf<RosterMutationHookOptions<AddMember> | undefined>()
expectTypeOf<NonNullable<RosterMutationHookOptions<AddMember>['onSuccess']>>()
  .parameter(0)
  .toEqualTypeOf<MemberView>()
// …but not the two the hook owns.
// @ts-expect-error mutationFn belongs to the hook
const _owned: RosterMutationHookOptions<AddMember> = { mutationFn: async () => ({}) as MemberView }

// The error a hook exposes holds the use-case's codes and what the transport answers.
type AddMemberError = NonNullable<ReturnType<typeof useAddMember>['error']>
expectTypeOf<'ALREADY_MEMBER'>().toExtend<AddMemberError['code']>()
expectTypeOf<TransportErrorCode | 'UNAUTHENTICATED'>().toExtend<AddMemberError['code']>()
expectTypeOf<AddMemberError>().toExtend<RosterError>()
// A public use-case (no actor) is never UNAUTHENTICATED.
type ActivateError = NonNullable<ReturnType<typeof useActivate>['error']>
expectTypeOf<'UNAUTHENTICATED'>().not.toExtend<ActivateError['code']>()
expectTypeOf<'TOKEN_EXPIRED' | 'NETWORK_ERROR'>().toExtend<ActivateError['code']>()

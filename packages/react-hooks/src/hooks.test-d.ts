// Type tests, checked by `pnpm typecheck` (tsc over every package's src): a wrong type here fails
// the build, and each `@ts-expect-error` fails it too if the error it expects goes away.
import type { MemberView, RosterError } from '@roster/core'
import type { TransportErrorCode } from '@roster/core/http'
import { dataTagSymbol } from '@tanstack/react-query'
import { expectTypeOf } from 'vitest'
import {
  type memberQueryOptions,
  type RosterMutationHookOptions,
  type RosterQueryHookOptions,
  type RosterUseCase,
  type useActivate,
  useAddMember,
  useMember,
  useMembers,
  useMyOrgs,
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

// Query hooks accept TanStack's query options; `select` changes the type of `data`.
declare const orgId: string
declare const accountId: string
// Inside a custom hook, as React's rules of hooks want.
export function useTypeChecks() {
  const selected = useMember({ orgId, accountId }, { select: (member) => member.email, staleTime: 1000 })
  expectTypeOf(selected.data).toEqualTypeOf<string | undefined>()
  const whole = useMember({ orgId, accountId }, { enabled: false })
  expectTypeOf(whole.data).toEqualTypeOf<MemberView | undefined>()
  const emails = useMembers(
    { orgId },
    { select: (data) => data.pages.flatMap((page) => page.items.map((m) => m.email)) },
  )
  expectTypeOf(emails.data).toEqualTypeOf<string[] | undefined>()
  const orgCount = useMyOrgs({ select: (mine) => mine.length })
  expectTypeOf(orgCount.data).toEqualTypeOf<number | undefined>()
  // The query error is the use-case's, codes included.
  expectTypeOf<'NOT_FOUND'>().toExtend<NonNullable<typeof whole.error>['code']>()
  // `select` receives the use-case's value, not anything else…
  // @ts-expect-error a MemberView has no `nope`
  useMember({ orgId, accountId }, { select: (member) => member.nope })
  // …and the key and queryFn belong to the factory.
  // @ts-expect-error queryKey belongs to the factory
  const _key: RosterQueryHookOptions<RosterUseCase<'members', 'get'>> = { queryKey: ['x'] }
}
// The factory's key is tagged with its data type, for `queryClient.getQueryData(key)`.
type TaggedData<K> = K extends { [dataTagSymbol]: infer D } ? D : never
expectTypeOf<TaggedData<ReturnType<typeof memberQueryOptions>['queryKey']>>().toEqualTypeOf<MemberView>()

// A hook's error narrows `details` by code (ErrorDetailsByCode): no casts in apps.
declare const addError: AddMemberError
if (addError.code === 'VALIDATION') {
  expectTypeOf(addError.details?.issues).toEqualTypeOf<{ path: string; message: string }[] | undefined>()
}
if (addError.code === 'ALREADY_MEMBER')
  expectTypeOf(addError.details?.orgId).toEqualTypeOf<string | undefined>()

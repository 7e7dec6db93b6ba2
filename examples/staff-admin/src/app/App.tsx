import { rosterKeys, useAccount, useMyOrgs } from '@roster/react'
import { MyAccount, WidgetsProvider } from '@roster/widgets'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { ActivatePage } from './pages/ActivatePage.js'
import { JoinPage } from './pages/JoinPage.js'
import { MailboxPage } from './pages/MailboxPage.js'
import { ConfirmEmailPage, ForgotPasswordPage, ResetPasswordPage } from './pages/PasswordPages.js'
import { SignInPage } from './pages/SignInPage.js'
import { SignUpPage } from './pages/SignUpPage.js'
import { Link, navigate, useLocation } from './router.js'
import { fetchPasswordPolicy, fetchSession, signOut } from './session.js'
import { StaffScreen } from './staff/StaffScreen.js'

export function App() {
  const location = useLocation()
  const session = useQuery({
    queryKey: ['session'],
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
  })
  const path = location.pathname

  let page: React.ReactNode
  if (path === '/mailbox') page = <MailboxPage />
  else if (path === '/activate') page = <ActivatePage token={location.searchParams.get('token') ?? ''} />
  else if (path === '/forgot-password') page = <ForgotPasswordPage />
  else if (path === '/reset-password')
    page = <ResetPasswordPage token={location.searchParams.get('token') ?? ''} />
  else if (path === '/confirm-email')
    page = <ConfirmEmailPage token={location.searchParams.get('token') ?? ''} />
  else if (path === '/sign-up') page = <SignUpPage />
  else if (session.isPending) page = <p className="muted">Loading…</p>
  else if (!session.data || path === '/sign-in')
    page = (
      <SignInPage
        signedIn={Boolean(session.data)}
        // A join link opened signed out comes back to the join page, code and all, after sign-in.
        next={path === '/join' ? `${path}${location.search}` : '/'}
      />
    )
  else if (path === '/account')
    page = (
      <section className="card account" aria-label="My account">
        <MyAccount accountId={session.data.accountId} onOpenOrg={() => navigate('/')} />
      </section>
    )
  else if (path === '/join') page = <JoinPage orgCode={location.searchParams.get('org') ?? ''} />
  else page = <SignedIn />

  return (
    <LocalizedWidgets accountId={session.data?.accountId ?? null}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            R
          </span>
          Roster <span className="brand-sub">staff admin demo</span>
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href="/" aria-current={path === '/' ? 'page' : undefined}>
                Staff
              </Link>
            </li>
            <li>
              <Link href="/mailbox" aria-current={path === '/mailbox' ? 'page' : undefined}>
                Dev mailbox
              </Link>
            </li>
            {session.data ? (
              <li>
                <Link href="/account" aria-current={path === '/account' ? 'page' : undefined}>
                  My account
                </Link>
              </li>
            ) : null}
            {session.data ? (
              <li>
                <SignOutButton />
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <main id="main">{page}</main>
    </LocalizedWidgets>
  )
}

/** The widgets speak the signed-in person's language and state the server's password rule. */
function LocalizedWidgets({ accountId, children }: { accountId: string | null; children: React.ReactNode }) {
  const policy = useQuery({
    queryKey: ['password-policy'],
    queryFn: fetchPasswordPolicy,
    staleTime: Number.POSITIVE_INFINITY,
  })
  const account = useAccount({ accountId: accountId ?? '' }, { enabled: accountId !== null })
  return (
    <WidgetsProvider
      locale={account.data?.language ?? 'en'}
      productNames={{ 'phone-line': 'Phone line' }}
      // The demo's own permissions (server/seed.ts DEMO_PERMISSIONS), named for people.
      permissionNames={{ 'doors:open': 'Open doors', 'parcels:log': 'Log parcels' }}
      {...(policy.data ? { passwordMinLength: policy.data.minLength } : {})}
    >
      {children}
    </WidgetsProvider>
  )
}

function SignOutButton() {
  const queryClient = useQueryClient()
  return (
    <button
      type="button"
      className="button ghost"
      onClick={async () => {
        await signOut()
        queryClient.removeQueries({ queryKey: rosterKeys.all })
        queryClient.removeQueries({ queryKey: ['dev-outbox'] })
        queryClient.setQueryData(['session'], null)
        navigate('/sign-in')
      }}
    >
      Sign out
    </button>
  )
}

function SignedIn() {
  const orgs = useMyOrgs()
  if (orgs.isPending) return <p className="muted">Loading your organization…</p>
  if (orgs.error) return <p role="alert">Could not load your organizations: {orgs.error.message}</p>
  const mine = orgs.data.filter((o) => o.membershipStatus === 'active')
  const current = mine[0]
  // Not an active member anywhere (new, waiting for an answer, disabled, invited): what is going on
  // and what they can do, never a bare "you do not belong to an organization" (finding 4).
  if (!current) return <JoinPage orgCode="" />
  return <StaffScreen orgId={current.org.id} orgName={current.org.name} />
}

import { MyJoinRequests, MyOrganizations, RequestToJoin } from '@roster/widgets'
import { useQuery } from '@tanstack/react-query'
import { navigate } from '../router.js'

/**
 * What a signed-in person without an active membership sees (finding 4), and `/join?org=<code>`
 * for anyone: their organizations with what each status means, their join requests with the
 * outcome, and the form to ask to join — all @roster/widgets.
 */
export function JoinPage({ orgCode }: { orgCode: string }) {
  const demoOrg = useQuery({
    queryKey: ['demo-org'],
    queryFn: fetchDemoOrg,
    staleTime: Number.POSITIVE_INFINITY,
  })
  const open = () => navigate('/')
  return (
    <div className="stack">
      <section className="card">
        <MyOrganizations onOpenOrg={open} />
      </section>
      <section className="card">
        <MyJoinRequests onOpenOrg={open} />
      </section>
      <section className="card">
        <RequestToJoin initialOrgCode={orgCode} />
        {demoOrg.data ? (
          <p className="hint">
            In this demo, the code of {demoOrg.data.name} is <code>{demoOrg.data.orgId}</code> (its admins
            share it, or the link <code>/join?org={demoOrg.data.orgId}</code>).
          </p>
        ) : null}
      </section>
    </div>
  )
}

async function fetchDemoOrg(): Promise<{ orgId: string; name: string } | null> {
  const response = await fetch('/demo/org', { credentials: 'same-origin' })
  return response.ok ? ((await response.json()) as { orgId: string; name: string }) : null
}

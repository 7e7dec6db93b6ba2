// A host app's "Team" page embedding one Roster widget: the staff directory, in the signed-in
// person's language, with the host's accent colour. This whole file is the integration.
import type { RosterClient } from '@roster/core/http'
import { RosterProvider } from '@roster/react'
import { StaffDirectory, WidgetsProvider } from '@roster/widgets'
import '@roster/widgets/styles.css'

export interface TeamPageProps {
  /** `createRosterClient({ baseUrl: '/api/roster' })` in the browser. */
  client: RosterClient
  orgId: string
  orgName: string
  /** The signed-in person's language (their account's `language`). */
  language: string
}

export function TeamPage({ client, orgId, orgName, language }: TeamPageProps) {
  return (
    <RosterProvider client={client}>
      <WidgetsProvider locale={language} strings={{ en: { 'staff.add': 'Invite a teammate' } }}>
        <div style={{ '--roster-accent': '#6b21a8' } as React.CSSProperties}>
          <h1>{orgName} team</h1>
          <StaffDirectory orgId={orgId} orgName={orgName} showFilters={false} />
        </div>
      </WidgetsProvider>
    </RosterProvider>
  )
}

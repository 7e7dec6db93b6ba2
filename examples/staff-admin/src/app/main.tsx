import { createRosterClient } from '@roster/core/http'
import { RosterProvider } from '@roster/react'
import { QueryClient } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import '@roster/widgets/styles.css'
import './styles.css'

// The browser talks to the Roster handler mounted at /api/roster; the session cookie goes along.
const client = createRosterClient({ baseUrl: '/api/roster' })
const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RosterProvider client={client} queryClient={queryClient}>
      <App />
    </RosterProvider>
  </StrictMode>,
)

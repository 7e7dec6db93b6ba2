import { SignUpForm } from '@roster/widgets'
import { Link } from '../router.js'

/** Self-service sign-up: @roster/widgets' SignUpForm in the demo's card. */
export function SignUpPage() {
  return (
    <section className="card narrow" aria-label="Sign up">
      <SignUpForm
        footer={
          <p>
            <Link href="/sign-in">Already have an account? Sign in</Link>
          </p>
        }
        doneExtra={
          <p className="hint">
            In this demo mail is not sent out: an admin of the demo organization reads it in the{' '}
            <Link href="/mailbox">Dev mailbox</Link>.
          </p>
        }
      />
    </section>
  )
}

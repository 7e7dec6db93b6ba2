import { formatUtc, mailLayout, str } from './layout.js'
import type { CompleteMailTemplateSet, MailRecipientData } from './types.js'

/** French puts a no-break space before `:`, `!` and `?`. */
const NB = '\u00a0'

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const

const expiry = (iso: unknown) =>
  formatUtc(
    iso,
    MONTHS,
    ({ day, month, year, time }) => `${day === 1 ? '1er' : day} ${month} ${year} à ${time} UTC`,
  )

const greeting = (d: MailRecipientData) => (str(d.firstName) ? `Bonjour ${str(d.firstName)},` : 'Bonjour,')
const subjectFor = (d: MailRecipientData, subject: string) =>
  str(d.firstName) ? `${str(d.firstName)}, ${subject}` : subject.charAt(0).toUpperCase() + subject.slice(1)
const fullName = (d: MailRecipientData) => [str(d.firstName), str(d.lastName)].filter(Boolean).join(' ')

const FALLBACK = `Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur${NB}:`
const linkExpires = (iso: unknown) => {
  const at = expiry(iso)
  return at ? `Ce lien ne sert qu’une fois et expire le ${at}.` : 'Ce lien ne sert qu’une fois.'
}

/** The built-in French templates. */
export const FRENCH_TEMPLATES: CompleteMailTemplateSet = {
  activation: (d) => {
    const org = str(d.orgName)
    return mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: subjectFor(d, org ? `activez votre compte ${org}` : 'activez votre compte'),
      greeting: greeting(d),
      body: [
        org
          ? `${org} vous a créé un compte${fullName(d) ? `, ${fullName(d)}` : ''}. Choisissez un mot de passe pour l’activer.`
          : `Bienvenue${NB}! Choisissez un mot de passe pour activer votre nouveau compte.`,
        ...(str(d.username) ? [`Votre identifiant est ${str(d.username)}.`] : []),
      ],
      action: { label: 'Activer mon compte', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      after: [linkExpires(d.expiresAt)],
      footer: `Si vous n’attendiez pas ce message, ignorez-le${NB}: rien ne se passe tant que le lien n’est pas utilisé.`,
    })
  },

  'temporary-password': (d) => {
    const org = str(d.orgName)
    return mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: subjectFor(d, org ? `votre compte ${org} est prêt` : 'votre compte est prêt'),
      greeting: greeting(d),
      body: [
        org
          ? `${org} vous a créé un compte${fullName(d) ? `, ${fullName(d)}` : ''}. Connectez-vous avec cet identifiant et ce mot de passe temporaire${NB}:`
          : `Un compte vous a été créé. Connectez-vous avec cet identifiant et ce mot de passe temporaire${NB}:`,
        {
          fields: [
            ['Identifiant', str(d.username)],
            ['Mot de passe temporaire', str(d.password)],
          ],
        },
        'Vous choisirez votre propre mot de passe à la première connexion.',
      ],
      action: { label: 'Se connecter', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      footer: 'Gardez ce message pour vous et supprimez-le une fois votre propre mot de passe choisi.',
    })
  },

  invitation: (d) => {
    const org = str(d.orgName)
    return mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: subjectFor(d, `vous avez été ajouté·e à ${org}`),
      greeting: greeting(d),
      body: [
        `${org} vous${fullName(d) ? ` (${fullName(d)})` : ''} a ajouté·e à son organisation, avec le compte que vous avez déjà.`,
        'Connectez-vous pour accepter ou refuser l’invitation.',
      ],
      action: { label: 'Voir l’invitation', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      footer: `Si vous ne connaissez pas ${org}, refusez l’invitation ou ignorez ce message.`,
    })
  },

  'password-reset': (d) =>
    mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: subjectFor(d, 'réinitialisez votre mot de passe'),
      greeting: greeting(d),
      body: [
        str(d.username)
          ? `Quelqu’un a demandé à réinitialiser le mot de passe de votre compte ${str(d.username)}.`
          : 'Quelqu’un a demandé à réinitialiser le mot de passe de votre compte.',
        'Utilisez le lien ci-dessous pour en choisir un nouveau.',
      ],
      action: { label: 'Choisir un nouveau mot de passe', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      after: [linkExpires(d.expiresAt)],
      footer: `Si vous n’avez rien demandé, ignorez ce message${NB}: votre mot de passe reste le même.`,
    }),

  'email-change-confirm': (d) =>
    mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: subjectFor(d, 'confirmez votre nouvelle adresse e-mail'),
      greeting: greeting(d),
      body: [
        str(d.newEmail)
          ? `Confirmez que ${str(d.newEmail)} est la nouvelle adresse e-mail de votre compte${str(d.username) ? ` ${str(d.username)}` : ''}.`
          : 'Confirmez la nouvelle adresse e-mail de votre compte.',
        'Votre adresse ne change qu’une fois ce lien utilisé.',
      ],
      action: { label: 'Confirmer mon adresse e-mail', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      after: [linkExpires(d.expiresAt)],
      footer: `Si vous n’avez pas demandé ce changement, ignorez ce message${NB}: votre adresse reste la même.`,
    }),

  'email-changed-notice': (d) =>
    mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: subjectFor(d, 'votre adresse e-mail a été modifiée'),
      greeting: greeting(d),
      body: [
        `L’adresse e-mail de votre compte${str(d.username) ? ` ${str(d.username)}` : ''} a été remplacée par ${str(d.newEmail)}.`,
        'Désormais, les messages concernant votre compte iront à la nouvelle adresse. Celui-ci est le dernier envoyé à celle-ci.',
      ],
      footer: `Si vous n’êtes pas à l’origine de ce changement, contactez sans attendre votre administrateur.`,
    }),

  'join-request-received': (d) => {
    const org = str(d.orgName)
    const requester = str(d.requesterName) || str(d.requesterEmail) || 'Quelqu’un'
    const message = str(d.message)
    return mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: `${requester} demande à rejoindre ${org}`,
      greeting: greeting(d),
      body: [
        `${requester}${str(d.requesterEmail) && str(d.requesterName) ? ` (${str(d.requesterEmail)})` : ''} a demandé à rejoindre ${org}.`,
        ...(message ? [`Son message${NB}:`, { quote: message }] : []),
        'Vous pouvez accepter la demande, comme salarié·e ou comme invité·e, ou la refuser.',
      ],
      ...(str(d.url)
        ? { action: { label: 'Examiner la demande', url: str(d.url) }, fallbackLinkText: FALLBACK }
        : {}),
      footer: `Vous recevez ce message car vous traitez les demandes d’adhésion de ${org}.`,
    })
  },

  'join-request-decided': (d) => {
    const org = str(d.orgName)
    const approved = d.decision === 'approved'
    const reason = str(d.reason)
    return mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: subjectFor(d, approved ? `bienvenue chez ${org}` : `votre demande pour rejoindre ${org}`),
      greeting: greeting(d),
      body: approved
        ? [
            `Bonne nouvelle${NB}: votre demande pour rejoindre ${org} a été acceptée. Vous en êtes désormais membre.`,
          ]
        : [
            `Votre demande pour rejoindre ${org} a été refusée.`,
            ...(reason ? [`Motif indiqué${NB}:`, { quote: reason }] : []),
          ],
      ...(approved && str(d.url)
        ? { action: { label: `Ouvrir ${org}`, url: str(d.url) }, fallbackLinkText: FALLBACK }
        : {}),
    })
  },
  'sign-up-attempt': (d) =>
    mailLayout({
      language: 'fr',
      colon: `${NB}:`,
      subject: subjectFor(d, 'quelqu’un a voulu s’inscrire avec votre adresse e-mail'),
      greeting: greeting(d),
      body: [
        `Quelqu’un a voulu créer un nouveau compte avec ${str(d.email) || 'votre adresse e-mail'}. Elle appartient déjà à votre compte${str(d.username) && str(d.username) !== str(d.email) ? ` (identifiant ${str(d.username)})` : ''}${NB}: aucun nouveau compte n’a été créé.`,
        str(d.status) === 'pending_activation'
          ? `Si c’était vous${NB}: votre compte n’est pas encore activé. Utilisez le lien d’activation que nous vous avons envoyé, ou demandez-en un nouveau sur la page de connexion.`
          : `Si c’était vous${NB}: connectez-vous plutôt, ou choisissez un nouveau mot de passe avec «${NB}Mot de passe oublié${NB}» sur la page de connexion.`,
      ],
      action: { label: 'Aller à la connexion', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      footer: `Si ce n’était pas vous, ignorez ce message${NB}: rien n’a changé sur votre compte.`,
    }),
}

import { createContext, type ReactNode, useContext, useMemo } from 'react'
import { en } from './en.js'
import { fr } from './fr.js'

/** Every string key a widget shows; override any of them per language. */
export type WidgetStringKey = keyof typeof en
/** One language's strings (a full set, or the keys you override). */
export type WidgetStrings = Record<WidgetStringKey, string>
/** The languages the widgets ship; a host may add its own through `strings`. */
export type WidgetLocale = 'en' | 'fr' | (string & {})

const BUILT_IN: Record<string, WidgetStrings> = { en, fr }

/** Props of {@link WidgetsProvider}. */
export interface WidgetsProviderProps {
  /**
   * BCP 47 language of the person using the widgets, usually their account's `language`.
   * Unknown languages fall back to English, region subtags to their language (`fr-CA` → `fr`).
   */
  locale?: WidgetLocale
  /** Strings to override per language, e.g. `{ en: { 'staff.add': 'Hire someone' } }`. */
  strings?: Record<string, Partial<WidgetStrings>>
  /** Product slugs to the names people read (`{ 'phone-line': 'Phone line' }`); unknown slugs are title-cased. */
  productNames?: Record<string, string>
  /**
   * Names of the host app's own permissions (`{ 'doors:open': 'Open doors' }`); Roster's are in the
   * strings (`perm.members:create`). Unknown ones read as "Doors: open".
   */
  permissionNames?: Record<string, string>
  /** Password length the server enforces (`policy.password.minLength`), shown on password forms. */
  passwordMinLength?: number
  /** Extra class on the widgets' root, for the host's theme. */
  className?: string
  children: ReactNode
}

/** What every widget reads from {@link WidgetsProvider}. */
export interface WidgetsContext {
  locale: string
  t: (key: WidgetStringKey, vars?: Record<string, string | number>) => string
  productName: (slug: string) => string
  /** A permission as people read it: "members:create" → "Add staff". */
  permissionName: (permission: string) => string
  passwordMinLength: number
  rootClassName: string
}

function fill(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/** "doors:open" → "Doors: open", for a host permission nobody named. */
export function humanizePermission(permission: string): string {
  const [area = '', action = ''] = permission.split(':')
  return `${humanizeSlug(area)}: ${action.replace(/[-_]+/g, ' ')}`
}

/** "phone-line" → "Phone line". */
export function humanizeSlug(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function makeWidgetsContext(props: Omit<WidgetsProviderProps, 'children'> = {}): WidgetsContext {
  const requested = (props.locale ?? 'en').toLowerCase()
  const language = requested.split('-')[0] ?? 'en'
  const locale =
    BUILT_IN[requested] || props.strings?.[requested] ? requested : BUILT_IN[language] ? language : 'en'
  const strings: WidgetStrings = {
    ...en,
    ...BUILT_IN[locale],
    ...props.strings?.[locale],
  } as WidgetStrings
  return {
    locale,
    t: (key, vars) => fill(strings[key] ?? key, vars),
    productName: (slug) => props.productNames?.[slug] ?? humanizeSlug(slug),
    permissionName: (permission) =>
      props.permissionNames?.[permission] ??
      (strings as Record<string, string>)[`perm.${permission}`] ??
      humanizePermission(permission),
    passwordMinLength: props.passwordMinLength ?? 12,
    rootClassName: ['roster-widgets', props.className].filter(Boolean).join(' '),
  }
}

const Context = createContext<WidgetsContext | null>(null)

/**
 * Language, strings, product names and theme class for every widget below it. Put it inside
 * `RosterProvider`. Without it, widgets speak English with the built-in strings.
 *
 * @example
 * ```tsx
 * <RosterProvider client={client}>
 *   <WidgetsProvider locale={me.language} strings={{ en: { 'staff.add': 'Hire' } }}>
 *     <StaffDirectory orgId={orgId} />
 *   </WidgetsProvider>
 * </RosterProvider>
 * ```
 */
export function WidgetsProvider({ children, ...props }: WidgetsProviderProps) {
  const { locale, strings, productNames, permissionNames, passwordMinLength, className } = props
  // biome-ignore lint/correctness/useExhaustiveDependencies: the props are the dependencies
  const value = useMemo(
    () => makeWidgetsContext(props),
    [locale, strings, productNames, permissionNames, passwordMinLength, className],
  )
  return <Context.Provider value={value}>{children}</Context.Provider>
}

const fallback = makeWidgetsContext()

/**
 * The widgets' context: `t` for strings, `locale`, `productName`. Use it in your own components
 * to match the widgets' language.
 *
 * @example
 * ```tsx
 * const { t } = useWidgets()
 * return <h2>{t('staff.title')}</h2>
 * ```
 */
export function useWidgets(): WidgetsContext {
  return useContext(Context) ?? fallback
}

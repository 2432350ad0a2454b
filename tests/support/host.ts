import { HostContext } from '../../src/host';

export function previewHost(overrides: Partial<HostContext> = {}): HostContext {
  return {
    kind: 'Preview',
    siteUrl: 'http://localhost:4321/sites/procurement',
    user: { displayName: 'Priya Shah', loginName: 'i:0#.f|membership|priya.shah@council.example', email: 'priya.shah@council.example' },
    theme: 'default',
    locale: 'en-GB',
    ...overrides,
  };
}

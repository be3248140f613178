// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../electron/ipc/contract'
import { mergeSettings } from '../../../electron/ipc/contract/settings'
import SettingsDialog from '../../../renderer/src/components/dialogs/SettingsDialog.vue'
import { useSettingsStore } from '../../../renderer/src/stores/settings'
import { flushPromises, mountWith, setup, type Harness } from './harness'

/** The stores' own merge behind the fake transport, so each answer is what the backend would say. */
function withBackend(h: Harness) {
  let value: Settings = DEFAULT_SETTINGS
  const backend = { get: () => value, set: (patch: SettingsPatch) => (value = mergeSettings(value, patch)) }
  h.api.answer('settings.get', () => backend.get())
  h.api.answer('settings.set', (patch) => backend.set(patch))
  return backend
}

const input = (w: ReturnType<typeof mountWith>, id: string) => w.get(`[data-testid="${id}"]`).element as HTMLInputElement

describe('settings in the renderer', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('language, theme, send key, do-not-disturb from the dialog: each earlier choice stays, sent as one-field patches', async () => {
    const h = setup()
    const backend = withBackend(h)
    await useSettingsStore().load()
    const w = mountWith(h, SettingsDialog)
    await w.get('[data-testid="settings-language"]').setValue('en')
    await flushPromises()
    await w.get('[data-testid="settings-theme"]').setValue('dark')
    await flushPromises()
    await w.get('[data-testid="send-key-ctrl"]').setValue(true)
    await flushPromises()
    await w.get('[data-testid="notify-dnd"]').setValue(true)
    await flushPromises()

    expect(h.api.argsOf('settings.set')).toEqual([{ language: 'en' }, { theme: 'dark' }, { sendKey: 'ctrl-enter' }, { notifications: { doNotDisturb: true } }])
    const want = { ...DEFAULT_SETTINGS, language: 'en', theme: 'dark', sendKey: 'ctrl-enter', notifications: { ...DEFAULT_SETTINGS.notifications, doNotDisturb: true } }
    expect(backend.get()).toEqual(want)
    expect(useSettingsStore().settings).toEqual(want)
    expect((w.get('[data-testid="settings-language"]').element as HTMLSelectElement).value).toBe('en')
    expect((w.get('[data-testid="settings-theme"]').element as HTMLSelectElement).value).toBe('dark')
    expect(input(w, 'send-key-ctrl').checked).toBe(true)
    expect([input(w, 'notify-enabled').checked, input(w, 'notify-preview').checked, input(w, 'notify-sound').checked, input(w, 'notify-dnd').checked]).toEqual([true, true, true, true])
  })

  it('the optimistic change, before the answer, moves only what the patch names (nested too)', async () => {
    const h = setup()
    const backend = withBackend(h)
    backend.set({ language: 'en', sendKey: 'ctrl-enter', notifications: { sound: false } })
    const settings = useSettingsStore()
    await settings.load()
    let answer: () => void = () => {}
    h.api.answer('settings.set', (patch: SettingsPatch) => new Promise((resolve) => (answer = () => resolve(backend.set(patch)))))
    const pending = settings.update({ notifications: { doNotDisturb: true } })
    expect(settings.settings).toEqual({ ...backend.get(), notifications: { ...backend.get().notifications, doNotDisturb: true } })
    answer()
    await pending
    expect(settings.settings).toMatchObject({ language: 'en', sendKey: 'ctrl-enter', notifications: { sound: false, doNotDisturb: true } })
  })

  it('a refused change puts the earlier settings back', async () => {
    const h = setup()
    withBackend(h).set({ language: 'en' })
    const settings = useSettingsStore()
    await settings.load()
    const before = settings.settings
    h.api.fail('settings.set', { kind: 'bad-input', message: 'no' })
    await expect(settings.update({ theme: 'dark' })).rejects.toBeDefined()
    expect(settings.settings).toEqual(before)
  })
})

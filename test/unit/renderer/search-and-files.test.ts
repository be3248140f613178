// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import MessageSearchPanel from '../../../renderer/src/components/dialogs/MessageSearchPanel.vue'
import { snippetParts } from '../../../renderer/src/lib/snippet'
import { linkify } from '../../../renderer/src/lib/links'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { useMessagesStore } from '../../../renderer/src/stores/messages'
import { useUiStore } from '../../../renderer/src/stores/ui'
import { message, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

const A = { kind: 'friend' as const, key: 'f:q:10001' }

describe('search snippets and links', () => {
  it('splits a snippet at the engine’s one \\u0001 … \\u0002 pair', () => {
    expect(snippetParts('a \u0001hit\u0002 b')).toEqual([
      { text: 'a ', hit: false },
      { text: 'hit', hit: true },
      { text: ' b', hit: false },
    ])
  })

  it('finds web links and nothing that is not one', () => {
    expect(linkify('去 www.qq.com。然后 http://a.b/c?d=1). javascript:alert(1)')).toEqual([
      { kind: 'text', text: '去 ' },
      { kind: 'link', text: 'www.qq.com', url: 'http://www.qq.com' },
      { kind: 'text', text: '。然后 ' },
      { kind: 'link', text: 'http://a.b/c?d=1', url: 'http://a.b/c?d=1' },
      { kind: 'text', text: '). javascript:alert(1)' },
    ])
  })
})

describe('message search panel', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('searches with the box text, highlights hits as text, and jumps to the message', async () => {
    fakeLayout()
    const h = setup()
    useUiStore().query = 'hello'
    h.api.answer('history.search', [
      { messageId: 'm42', conversation: A, title: 'Amy', time: Date.now(), snippet: 'say \u0001hello\u0002 <img src=x onerror=alert(1)>' },
    ])
    h.api.answer('history.around', [message({ id: 'm42', conversation: A })])
    h.api.answer('conversation.open', summary(A.key))
    const w = mountWith(h, MessageSearchPanel)
    await flushPromises()
    expect(h.api.argsOf('history.search')).toEqual([{ query: 'hello', conversation: undefined, limit: 100 }])
    const hit = w.get('[data-testid="search-hit"]')
    expect(hit.get('mark').text()).toBe('hello')
    expect(hit.find('img').exists()).toBe(false)
    expect(hit.text()).toContain('<img src=x onerror=alert(1)>')
    await hit.trigger('click')
    await flushPromises()
    expect(h.api.argsOf('history.around')).toEqual([{ id: 'm42', limit: 50 }])
    expect(useConversationsStore().active).toEqual(A)
    expect(useMessagesStore().thread(A).focus).toBe('m42')
  })

  it('says when nothing was found, and words a failure', async () => {
    fakeLayout()
    const h = setup()
    const w = mountWith(h, MessageSearchPanel)
    expect(w.text()).toContain('输入关键词，边输入边搜索')
    await w.get('[data-testid="message-search-input"]').setValue('nothing')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('没有找到相关消息')
    h.api.fail('history.search', { kind: 'timeout', message: '' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('搜索失败：请求超时')
  })
})

import { createCommentVNode, h, type VNodeArrayChildren } from 'vue'
import { highlightParts, type SnippetPart } from '../../lib/snippet'
import './search-mark.css'

/** A searched word marked in a text (drawn by MarkedText and, inline, by a friend row). */
export function drawMark(text: string): ReturnType<typeof h> {
  return h('mark', { class: 'search-mark', 'data-testid': 'search-mark' }, [text])
}

/**
 * The text with its first match of the query in a <mark>: the text before it, the mark and the
 * text after, as text nodes (never HTML). The same three nodes whatever the query (the mark's
 * place held by a comment while nothing matches), so a list row drawn again per keystroke
 * patches their text instead of building the parts again, and a 100 KB name of one repeated
 * letter stays three nodes.
 */
export function markedOnce(text: string, query: string): VNodeArrayChildren {
  const found = highlightParts(text, query, 1)
  const at = found.findIndex((p: SnippetPart) => p.hit)
  if (at < 0) return [text, createCommentVNode('v-if', true), '']
  return [found[at - 1]?.text ?? '', drawMark(found[at]!.text), found[at + 1]?.text ?? '']
}

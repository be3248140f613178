import { computed, h, watchEffect, type Ref, type VNode } from 'vue'
import type { AvatarSubject, ClientKind, StatusName } from '@contract'
import { useBridge } from '../../bridge'
import { useSeen } from '../../composables/when-visible'
import { hueOf, initialOf } from '../../lib/avatar-look'
import { clientDevice, isOnline, statusDot } from '../../lib/presence'
import { subjectKey, useAvatarsStore } from '../../stores/avatars'
import './avatar.css'

/** What an avatar shows: the Avatar component's props, and a friend row's. */
export interface AvatarLook {
  name: string
  colorKey: string
  shape: 'circle' | 'square'
  size: number
  status?: StatusName
  client?: ClientKind
  /** With a subject the picture layer is there (its URL once the picture is known). */
  subject?: AvatarSubject
  url?: string
}

/**
 * The first character of the name on a colour of the contact's own (people recognise colours
 * faster than they read), a circle for people and a rounded square for groups, with a status
 * dot and the device they are on; with a subject, its picture (§7.6) over the tile.
 *
 * One plain function of the look, drawn by the Avatar component and, inline, by a friend row (a
 * keystroke in the search box draws every row in view for another friend: an Avatar instance per
 * row, its props diffed and nine computeds run, was a large part of that; issue 13).
 *
 * Plain elements drawn by CSS rather than an SVG (an SVG's text, clip path and shapes cost about
 * as much style, layout and paint as the rest of a row together). The picture is a CSS
 * background over the tile rather than an <img>: a row drawn for another friend changes a style
 * instead of an image's src (a load and its load event per row), and the element stays whether
 * or not that friend has a picture. A picture that does not load paints nothing: the tile shows.
 * The other parts are there whenever a status is given, shown and hidden rather than built and
 * dropped. Sizes are in units of a 40th of the tile (`--u`, one value per size).
 */
export function drawAvatar(look: AvatarLook, word: (key: string) => string, ref?: Ref<HTMLElement | null>): VNode {
  const dot = look.status ? statusDot(look.status) : undefined
  const device = look.status && look.client && isOnline(look.status) ? clientDevice(look.client) : undefined
  const label = [look.name, look.status ? word(`status.${look.status}`) : undefined, device ? word(`client.${device}`) : undefined].filter(Boolean).join(', ')
  const withStatus = look.status !== undefined
  return h('span', { ref, class: ['avatar', look.shape], style: `--u: ${look.size / 40}px`, role: 'img', 'aria-label': label }, [
    // The colour is set on the tile alone: a style changed on the avatar would restyle every part of it.
    // Text as a child node (an array), not the element's text: a row drawn for another friend then
    // changes the node's text instead of replacing the node.
    h('span', { class: 'tile', style: `background-color: hsl(${hueOf(look.colorKey)} 52% 52%)`, 'aria-hidden': 'true' }, [initialOf(look.name)]),
    // mediaUrl percent-encodes the hash and the token: the URL holds no quote or backslash to escape.
    look.subject
      ? h('span', { class: 'picture', 'data-testid': look.url ? 'avatar-picture' : undefined, style: look.url ? `background-image: url("${look.url}")` : undefined, 'aria-hidden': 'true' })
      : null,
    withStatus ? h('span', { class: ['device', device], style: device ? undefined : 'display: none' }) : null,
    withStatus ? h('span', { class: ['dot', dot], style: dot ? undefined : 'display: none' }) : null,
  ])
}

/**
 * The subject's picture URL, asked for once `root` has come into view (lists are virtual) and
 * the picture is not yet known.
 */
export function usePicture(subject: () => AvatarSubject | undefined, root: Ref<Element | null>): Ref<string | undefined> {
  const bridge = useBridge()
  const avatars = useAvatarsStore()
  const seen = useSeen(root)
  const picture = computed(() => {
    const s = subject()
    return s ? avatars.pictures.get(subjectKey(s)) : undefined
  })
  watchEffect(() => {
    const s = subject()
    if (seen.value && s && picture.value === undefined) avatars.request(s)
  })
  return computed(() => (picture.value ? bridge.mediaUrl(picture.value.hash) : undefined))
}

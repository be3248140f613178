import { defineComponent, h, renderSlot, type PropType, type Slots, type VNode } from 'vue'

/**
 * One drawn row of a VirtualList, a component of its own so that it is drawn again only when
 * what it shows changed: its props (the item, its place, focus, selection) or what its slot
 * reads. A list update that changes rows out of view (a presence batch, say) then patches the
 * list's few row vnodes and draws no row.
 */
export default defineComponent({
  name: 'VirtualRow',
  props: {
    item: { type: null as unknown as PropType<unknown>, required: true },
    index: { type: Number, required: true },
    start: { type: Number, required: true },
    size: { type: Number, required: true },
    focused: { type: Boolean, required: true },
    listbox: { type: Boolean, required: true },
    /** Recycled rows of a fixed height are laid out and painted on their own (`contain: strict`). */
    contained: { type: Boolean, required: true },
    selected: { type: Boolean, default: undefined },
    expanded: { type: Boolean, default: undefined },
    setSize: { type: Number, default: undefined },
    /** The list's slots: the row draws their default one (its content) for its item. */
    slots: { type: Object as PropType<Slots>, required: true },
    /** A recycled row no item needs now, out of the document: it keeps what it drew until it is needed again. */
    parked: { type: Boolean, default: false },
  },
  setup(props) {
    let drawn: VNode | undefined
    return () => {
      // Not drawn again while parked: nothing it would read then (the search box's words in its
      // marks, the list's size) makes it draw, and the same tree given back patches nothing.
      if (props.parked && drawn) return drawn
      const { listbox } = props
      return (drawn = h(
        'div',
        {
          'data-index': props.index,
          class: listbox ? (props.contained ? 'vlist-row option contained' : 'vlist-row option') : props.contained ? 'vlist-row contained' : 'vlist-row',
          role: listbox ? 'option' : 'listitem',
          tabindex: listbox ? (props.focused ? 0 : -1) : undefined,
          'aria-selected': listbox ? props.selected : undefined,
          'aria-expanded': listbox ? props.expanded : undefined,
          'aria-setsize': listbox ? props.setSize : undefined,
          'aria-posinset': listbox ? props.index + 1 : undefined,
          // A string: Vue sets a style object's every key again at each patch.
          style: `transform: translateY(${props.start}px); height: ${props.size}px`,
        },
        // As <slot> would: the compiled slot's own blocks are patched, not its whole tree compared.
        [renderSlot(props.slots, 'default', { item: props.item, index: props.index, focused: props.focused })],
      ))
    }
  },
})

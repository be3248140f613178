/** The model's conversationKey under its old name, for stores/contacts.ts until it imports '@contract' (then this file goes). */
export { conversationKey as refKey } from '@contract'

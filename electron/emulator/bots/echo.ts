import type { MessageContent } from '../web2/content'

/** The echo friend (回声): says back exactly what it was told, faces and font included. */
export function echoReply(received: MessageContent): MessageContent {
  return { segments: [...received.segments], font: { ...received.font } }
}

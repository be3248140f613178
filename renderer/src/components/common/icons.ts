/** Line icons drawn inline (no icon font, no external files: the CSP allows only 'self'). */
export type IconName =
  | 'search'
  | 'settings'
  | 'pin'
  | 'bell'
  | 'bell-off'
  | 'members'
  | 'send'
  | 'face'
  | 'close'
  | 'retry'
  | 'check'
  | 'alert'
  | 'chevron-down'
  | 'chevron-right'
  | 'arrow-down'
  | 'pc'
  | 'mobile'
  | 'file'
  | 'folder'
  | 'image'
  | 'history'
  | 'logout'
  | 'globe'
  | 'clock'
  | 'video'
  | 'file-image'
  | 'file-archive'
  | 'file-document'
  | 'file-audio'
  | 'file-video'
  | 'file-code'
  | 'zoom-fit'
  | 'zoom-actual'
  | 'download'
  | 'chevron-left'

/** The page of the file icons, which draw what the file is on it. */
const FILE = ['M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z', 'M14 2v6h6']

export const ICON_PATHS: Record<IconName, string[]> = {
  search: ['M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14z', 'M20 20l-4-4'],
  settings: [
    'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z',
    'M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3a1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5a1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8a1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1a1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5a1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  ],
  pin: ['M9 4h6l-1 6l3 3H7l3-3z', 'M12 13v7'],
  bell: ['M6 16V11a6 6 0 0 1 12 0v5l2 2H4z', 'M10 20a2 2 0 0 0 4 0'],
  'bell-off': ['M6 16V11a6 6 0 0 1 9.5-4.9', 'M18 11v5l2 2H8', 'M10 20a2 2 0 0 0 4 0', 'M3 3l18 18'],
  members: ['M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8z', 'M2 21v-1a6 6 0 0 1 12 0v1', 'M16 3.5a4 4 0 0 1 0 7', 'M18 14.5a6 6 0 0 1 4 5.5v1'],
  send: ['M22 2L11 13', 'M22 2l-7 20l-4-9l-9-4z'],
  face: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M8 14s1.5 2 4 2s4-2 4-2', 'M9 9h.01', 'M15 9h.01'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  retry: ['M4 4v6h6', 'M20 20v-6h-6', 'M20 10a8 8 0 0 0-14.3-3.7L4 10', 'M4 14a8 8 0 0 0 14.3 3.7L20 14'],
  check: ['M5 12l5 5l9-10'],
  alert: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 8v5', 'M12 16h.01'],
  'chevron-down': ['M6 9l6 6l6-6'],
  'chevron-right': ['M9 6l6 6l-6 6'],
  'arrow-down': ['M12 5v14', 'M6 13l6 6l6-6'],
  pc: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4'],
  mobile: ['M7 2h10a1 1 0 0 1 1 1v18a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z', 'M11 18h2'],
  file: FILE,
  folder: ['M3 6a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z'],
  image: ['M3 5h18v14H3z', 'M8.5 10a1.5 1.5 0 1 0 0-3a1.5 1.5 0 1 0 0 3z', 'M21 15l-5-5L5 19'],
  history: ['M3 12a9 9 0 1 0 3-6.7L3 8', 'M3 3v5h5', 'M12 7v5l3 3'],
  logout: ['M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4', 'M16 17l5-5l-5-5', 'M21 12H9'],
  globe: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M3 12h18', 'M12 3a14 14 0 0 1 0 18a14 14 0 0 1 0-18z'],
  clock: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 7v5l3 2'],
  video: ['M3 7h12v10H3z', 'M15 10l6-3v10l-6-3'],
  'file-image': [...FILE, 'M7 19l3.5-4.5l2.5 3l1.5-2l2.5 3.5', 'M9 11.5h.01'],
  'file-archive': [...FILE, 'M11 4v1.5', 'M11 7.5v1.5', 'M11 11v1.5', 'M10 15h2v3h-2z'],
  'file-document': [...FILE, 'M8 13h8', 'M8 17h8', 'M8 9h2'],
  'file-audio': [...FILE, 'M11 18a1.5 1.5 0 1 1-3 0a1.5 1.5 0 1 1 3 0z', 'M11 18v-6l4-1.5'],
  'file-video': [...FILE, 'M10 12v6l5-3z'],
  'file-code': [...FILE, 'M10 12l-2 2.5l2 2.5', 'M14 12l2 2.5l-2 2.5'],
  'zoom-fit': ['M4 9V4h5', 'M20 9V4h-5', 'M4 15v5h5', 'M20 15v5h-5'],
  'zoom-actual': ['M3 5h18v14H3z', 'M8 9v6', 'M12 10h.01', 'M12 14h.01', 'M16 9v6'],
  download: ['M12 4v11', 'M7 10l5 5l5-5', 'M5 20h14'],
  'chevron-left': ['M15 6l-6 6l6 6'],
}

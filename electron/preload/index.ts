import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('qq', {})

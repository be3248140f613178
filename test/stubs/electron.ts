/** Stand-in for the `electron` module in tests: importing the real one outside Electron throws. */
export const app = {}

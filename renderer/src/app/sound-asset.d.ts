/** Vite hands a bundled sound to the code as the URL of the built asset. */
declare module '*.wav' {
  const url: string
  export default url
}

// The embed build turns a CSS file into its text (see rollup.config.mjs).
declare module '*.css' {
  const css: string
  export default css
}
